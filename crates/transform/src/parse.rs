//! Parsing: every file of the project and its packages into a [`Manifest`], with the
//! Jinja environment that compiles it.

use std::collections::HashMap;
use std::path::Path;
use std::sync::LazyLock;

use minijinja::Value;
use regex::Regex;
use serde_json::{Map, json};
use sha2::{Digest, Sha256};

use crate::config::{self, Config};
use crate::error::{Result, TransformError};
use crate::generic_test::{self, TestEntry};
use crate::jinja::macros::{BUILTIN_PACKAGE, MacroRegistry};
use crate::jinja::relation::{Relation, RelationKind};
use crate::jinja::scope::{Phase, Scope, ScopeNode};
use crate::jinja::{Globals, Renderer};
use crate::manifest::{Manifest, Node, ResourceType, Source, TestMetadata, closest};
use crate::profile::Target;
use crate::project::DbtProject;
use crate::properties::{Patch, Properties};

/// lakeforge's built-in macros: dbt's defaults for this adapter.
const BUILTIN_MACROS: &[(&str, &str)] = &[
    ("macros/naming.sql", include_str!("builtins/naming.sql")),
    ("macros/cross_db.sql", include_str!("builtins/cross_db.sql")),
    (
        "macros/generic_tests.sql",
        include_str!("builtins/generic_tests.sql"),
    ),
];

/// The zones a dbt schema may name.
pub const ZONES: &[&str] = &["bronze", "silver", "gold"];

static SNAPSHOT_BLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?s)\{%-?\s*snapshot\s+([A-Za-z_][A-Za-z0-9_]*)\s*-?%\}(.*?)\{%-?\s*endsnapshot\s*-?%\}",
    )
    .expect("valid regex")
});

/// A parsed project: the manifest and the renderer that compiles it.
pub struct Parsed {
    /// The nodes and sources.
    pub manifest: Manifest,
    /// The Jinja environment.
    pub renderer: Renderer,
}

/// Parses the root project and its packages for a target.
pub fn parse(
    root: &DbtProject,
    packages: &[DbtProject],
    target: &Target,
    globals: Globals,
) -> Result<Parsed> {
    let renderer = build_renderer(root, packages, globals)?;
    let mut parser = Parser {
        root,
        target,
        renderer: &renderer,
        manifest: Manifest::default(),
    };
    for project in packages.iter().chain(std::iter::once(root)) {
        parser.project(project)?;
    }
    parser.resolve_dependencies()?;
    let manifest = parser.manifest;
    renderer.set_graph(crate::artifacts::graph_value(&manifest));
    Ok(Parsed { manifest, renderer })
}

fn build_renderer(
    root: &DbtProject,
    packages: &[DbtProject],
    globals: Globals,
) -> Result<Renderer> {
    let mut registry = MacroRegistry::new(&root.name, root.dispatch.clone());
    let mut templates = Vec::new();
    for (path, text) in BUILTIN_MACROS {
        templates.extend(registry.add_file(BUILTIN_PACKAGE, Path::new(path), text));
        let wrappers = crate::jinja::macros::dispatch_wrappers(text);
        templates.extend(registry.add_file(BUILTIN_PACKAGE, Path::new(path), &wrappers));
    }
    for project in packages.iter().chain(std::iter::once(root)) {
        for (folder, file) in project.files(&project.macro_paths, "sql") {
            let path = project.root.join(&folder).join(&file);
            let text = read(&path)?;
            templates.extend(registry.add_file(
                &project.name,
                &Path::new(&folder).join(&file),
                &text,
            ));
        }
        for (folder, file) in project.files(&project.test_paths, "sql") {
            let path = project.root.join(&folder).join(&file);
            let text = read(&path)?;
            if text.contains("{% test") || text.contains("{%- test") {
                templates.extend(registry.add_file(
                    &project.name,
                    &Path::new(&folder).join(&file),
                    &text,
                ));
            }
        }
    }
    Renderer::new(registry, templates, globals)
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| TransformError::File {
        path: path.to_path_buf(),
        reason: format!("cannot read: {e}"),
    })
}

struct Parser<'a> {
    root: &'a DbtProject,
    target: &'a Target,
    renderer: &'a Renderer,
    manifest: Manifest,
}

/// A file that becomes a node, before its config and relation are known.
struct Draft {
    resource_type: ResourceType,
    name: String,
    folder: String,
    relative: String,
    raw_code: String,
    patch: Option<Patch>,
}

impl Parser<'_> {
    fn project(&mut self, project: &DbtProject) -> Result<()> {
        let mut properties = Properties::default();
        let property_folders: Vec<String> = project
            .model_paths
            .iter()
            .chain(&project.seed_paths)
            .chain(&project.snapshot_paths)
            .chain(&project.analysis_paths)
            .cloned()
            .collect();
        for extension in ["yml", "yaml"] {
            for (folder, file) in project.files(&property_folders, extension) {
                let relative = Path::new(&folder).join(&file).display().to_string();
                properties.add_file(&project.root.join(&relative), &relative)?;
            }
        }
        for (folder, file) in project.files(&project.model_paths, "sql") {
            let relative = Path::new(&folder).join(&file).display().to_string();
            let name = stem(&file);
            let raw_code = read(&project.root.join(&relative))?;
            let patch = properties.models.get(&name).cloned();
            self.add(
                project,
                Draft {
                    resource_type: ResourceType::Model,
                    name,
                    folder,
                    relative,
                    raw_code,
                    patch,
                },
            )?;
        }
        for (folder, file) in project.files(&project.analysis_paths, "sql") {
            let relative = Path::new(&folder).join(&file).display().to_string();
            let raw_code = read(&project.root.join(&relative))?;
            self.add(
                project,
                Draft {
                    resource_type: ResourceType::Analysis,
                    name: stem(&file),
                    folder,
                    relative,
                    raw_code,
                    patch: None,
                },
            )?;
        }
        for (folder, file) in project.files(&project.seed_paths, "csv") {
            let relative = Path::new(&folder).join(&file).display().to_string();
            let name = stem(&file);
            let patch = properties.seeds.get(&name).cloned();
            self.add(
                project,
                Draft {
                    resource_type: ResourceType::Seed,
                    name,
                    folder,
                    relative,
                    raw_code: String::new(),
                    patch,
                },
            )?;
        }
        for (folder, file) in project.files(&project.snapshot_paths, "sql") {
            let relative = Path::new(&folder).join(&file).display().to_string();
            let text = read(&project.root.join(&relative))?;
            for block in SNAPSHOT_BLOCK.captures_iter(&text) {
                let name = block[1].to_string();
                let patch = properties.snapshots.get(&name).cloned();
                self.add(
                    project,
                    Draft {
                        resource_type: ResourceType::Snapshot,
                        name,
                        folder: folder.clone(),
                        relative: relative.clone(),
                        raw_code: block[2].to_string(),
                        patch,
                    },
                )?;
            }
        }
        for (folder, file) in project.files(&project.test_paths, "sql") {
            let relative = Path::new(&folder).join(&file).display().to_string();
            let raw_code = read(&project.root.join(&relative))?;
            if raw_code.contains("{% test") || raw_code.contains("{%- test") {
                continue;
            }
            self.add(
                project,
                Draft {
                    resource_type: ResourceType::Test,
                    name: stem(&file),
                    folder,
                    relative,
                    raw_code,
                    patch: None,
                },
            )?;
        }
        for table in &properties.sources {
            self.add_source(project, table)?;
        }
        self.add_generic_tests(project, &properties)?;
        Ok(())
    }

    /// The config a node gets from dbt_project.yml trees (the package's own, then the
    /// root's), its property file, and the resource type's defaults.
    fn base_config(
        &self,
        project: &DbtProject,
        resource_type: ResourceType,
        fqn: &[String],
        patch: Option<&Patch>,
    ) -> Map<String, serde_json::Value> {
        let tree_key = match resource_type {
            ResourceType::Model | ResourceType::Analysis => "models",
            ResourceType::Seed => "seeds",
            ResourceType::Snapshot => "snapshots",
            ResourceType::Test => "data_tests",
        };
        let mut out = Map::new();
        let default = match resource_type {
            ResourceType::Model | ResourceType::Analysis => "view",
            ResourceType::Seed => "seed",
            ResourceType::Snapshot => "snapshot",
            ResourceType::Test => "test",
        };
        out.insert("materialized".into(), json!(default));
        out.insert("enabled".into(), json!(true));
        out.insert("tags".into(), json!([]));
        if project.name != self.root.name {
            config::merge_into(
                &mut out,
                &config::from_tree(project.config_trees.get(tree_key), fqn),
            );
        }
        config::merge_into(
            &mut out,
            &config::from_tree(self.root.config_trees.get(tree_key), fqn),
        );
        if let Some(patch) = patch {
            config::merge_into(&mut out, &patch.config);
        }
        out
    }

    fn add(&mut self, project: &DbtProject, draft: Draft) -> Result<()> {
        let fqn = fqn(&project.name, &draft.relative, &draft.folder, &draft.name);
        let mut config = self.base_config(project, draft.resource_type, &fqn, draft.patch.as_ref());
        let unique_id = format!(
            "{}.{}.{}",
            draft.resource_type.as_str(),
            project.name,
            draft.name
        );
        let placeholder = Relation::table(&self.target.database, &self.target.schema, &draft.name);
        let (refs, sources) = if draft.resource_type == ResourceType::Seed {
            (Vec::new(), Vec::new())
        } else {
            let mut scope = Scope::new(Phase::Parse, None);
            scope.node = Some(ScopeNode {
                unique_id: unique_id.clone(),
                name: draft.name.clone(),
                package: project.name.clone(),
                this: placeholder.clone(),
                config: config.clone(),
                incremental: false,
                model: crate::jinja::to_value(
                    &json!({"name": draft.name, "unique_id": unique_id, "package_name": project.name, "resource_type": draft.resource_type.as_str()}),
                ),
            });
            let (rendered, scope) = self.renderer.render(
                &project.root.join(&draft.relative).display().to_string(),
                &draft.raw_code,
                scope,
            );
            rendered?;
            config::merge_into(&mut config, &scope.captured.config);
            (scope.captured.refs, scope.captured.sources)
        };
        let config = Config(config);
        let patch = draft.patch.unwrap_or_default();
        let mut node = Node {
            unique_id: unique_id.clone(),
            resource_type: draft.resource_type,
            package_name: project.name.clone(),
            name: draft.name.clone(),
            path: Path::new(&draft.relative)
                .strip_prefix(&draft.folder)
                .map(|p| p.display().to_string())
                .unwrap_or(draft.relative.clone()),
            original_file_path: draft.relative.clone(),
            file: project.root.join(&draft.relative),
            checksum: match draft.resource_type {
                ResourceType::Seed => {
                    let bytes =
                        std::fs::read(project.root.join(&draft.relative)).unwrap_or_default();
                    generic_test::hex(&Sha256::digest(&bytes))
                }
                _ => generic_test::hex(&Sha256::digest(draft.raw_code.as_bytes())),
            },
            raw_code: draft.raw_code,
            config,
            depends_on: Vec::new(),
            depends_on_macros: Vec::new(),
            refs,
            sources,
            description: patch.description.clone(),
            columns: patch.columns.clone(),
            fqn,
            patch_path: (!patch.file.is_empty())
                .then(|| format!("{}://{}", project.name, patch.file)),
            relation: placeholder,
            test: None,
        };
        node.relation = self.relation_of(&node)?;
        self.insert(node)
    }

    fn insert(&mut self, node: Node) -> Result<()> {
        if !node.config.enabled() {
            self.manifest.disabled.insert(node.unique_id.clone(), node);
            return Ok(());
        }
        if let Some(other) = self.manifest.nodes.get(&node.unique_id) {
            return Err(TransformError::Compile(format!(
                "dbt found two {}s with the name `{}`: {} and {}; rename one (names are unique within a package)",
                node.resource_type.as_str(),
                node.name,
                other.original_file_path,
                node.original_file_path
            )));
        }
        let builds = |n: &Node| {
            matches!(
                n.resource_type,
                ResourceType::Model | ResourceType::Seed | ResourceType::Snapshot
            ) && n.relation.kind != RelationKind::Cte
        };
        if builds(&node)
            && let Some(other) = self
                .manifest
                .nodes
                .values()
                .find(|o| builds(o) && o.relation == node.relation)
        {
            return Err(TransformError::Compile(format!(
                "{} and {} both build {}; give one another `alias` or `schema`",
                other.original_file_path, node.original_file_path, node.relation
            )));
        }
        self.manifest.nodes.insert(node.unique_id.clone(), node);
        Ok(())
    }

    /// Database, schema and alias through the project's `generate_*_name` macros.
    fn relation_of(&self, node: &Node) -> Result<Relation> {
        let node_value = crate::jinja::to_value(&json!({
            "name": node.name,
            "resource_type": node.resource_type.as_str(),
            "package_name": node.package_name,
            "unique_id": node.unique_id,
            "fqn": node.fqn,
            "original_file_path": node.original_file_path,
            "config": node.config.0,
        }));
        let call = |name: &str, custom: Option<&str>| -> Result<String> {
            let custom = custom.map(Value::from).unwrap_or(Value::from(()));
            let (value, _) = self.renderer.call(
                name,
                vec![custom, node_value.clone()],
                Scope::new(Phase::Parse, None),
            );
            Ok(value?.to_string().trim().to_string())
        };
        let legacy = |key: &str| {
            (node.resource_type == ResourceType::Snapshot)
                .then(|| {
                    node.config
                        .0
                        .get(key)
                        .and_then(serde_json::Value::as_str)
                        .map(str::to_string)
                })
                .flatten()
        };
        let database = match legacy("target_database") {
            Some(database) => database,
            None => call("generate_database_name", node.config.database())?,
        };
        let schema = match legacy("target_schema") {
            Some(schema) => schema,
            None => call("generate_schema_name", node.config.schema())?,
        };
        let alias = call("generate_alias_name", node.config.alias())?;
        if node.resource_type != ResourceType::Test
            && node.config.materialized() != "ephemeral"
            && !ZONES.contains(&schema.as_str())
        {
            return Err(TransformError::Config(format!(
                "{}: {} `{}` builds in schema `{schema}`, which is not a zone of project `{database}` (zones: {}); \
                 set `+schema` to a zone and override generate_schema_name to return the custom schema as-is \
                 (dbt's default writes `<target_schema>_<custom>`)",
                node.original_file_path,
                node.resource_type.as_str(),
                node.name,
                ZONES.join(", ")
            )));
        }
        if node.resource_type != ResourceType::Test && node.config.materialized() != "ephemeral" {
            let valid = alias
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
                && alias
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if !valid {
                return Err(TransformError::Config(format!(
                    "{}: `{alias}` cannot be a lake table name (lowercase letters, digits and `_`, starting with a letter or `_`); rename the file or set `alias`",
                    node.original_file_path
                )));
            }
        }
        let kind = match node.config.materialized() {
            "view" => RelationKind::View,
            "ephemeral" => RelationKind::Cte,
            _ => RelationKind::Table,
        };
        Ok(Relation::table(&database, &schema, &alias).with_kind(kind))
    }

    fn add_source(
        &mut self,
        project: &DbtProject,
        table: &crate::properties::SourceTable,
    ) -> Result<()> {
        let name = table
            .table
            .get("name")
            .and_then(serde_json::Value::as_str)
            .unwrap_or_default()
            .to_string();
        let source = &table.source;
        let text = |map: &Map<String, serde_json::Value>, key: &str| {
            map.get(key)
                .and_then(serde_json::Value::as_str)
                .map(str::to_string)
        };
        let schema = text(source, "schema").unwrap_or_else(|| table.source_name.clone());
        let database = text(source, "database").unwrap_or_else(|| self.target.database.clone());
        let identifier = text(&table.table, "identifier").unwrap_or_else(|| name.clone());
        if !ZONES.contains(&schema.as_str()) {
            return Err(TransformError::Config(format!(
                "{}: source `{}` has schema `{schema}`, which is not a zone (zones: {}); write `schema: <zone>`",
                table.file,
                table.source_name,
                ZONES.join(", ")
            )));
        }
        let mut source_config = source
            .get("config")
            .and_then(serde_json::Value::as_object)
            .cloned()
            .unwrap_or_default();
        config::merge_into(&mut source_config, &table.patch.config);
        let unique_id = format!("source.{}.{}.{}", project.name, table.source_name, name);
        let freshness = table
            .table
            .get("freshness")
            .or_else(|| source.get("freshness"))
            .cloned()
            .filter(|f| !f.is_null());
        self.manifest.sources.insert(
            unique_id.clone(),
            Source {
                unique_id,
                package_name: project.name.clone(),
                source_name: table.source_name.clone(),
                name: name.clone(),
                relation: Relation::table(&database, &schema, &identifier),
                original_file_path: table.file.clone(),
                description: table.patch.description.clone(),
                columns: table.patch.columns.clone(),
                loaded_at_field: text(&table.table, "loaded_at_field")
                    .or_else(|| text(source, "loaded_at_field")),
                freshness,
                fqn: vec![project.name.clone(), table.source_name.clone(), name],
                config: Config(source_config),
            },
        );
        Ok(())
    }

    fn add_generic_tests(&mut self, project: &DbtProject, properties: &Properties) -> Result<()> {
        let mut attached: Vec<(String, String, &Patch)> = Vec::new();
        for (kind, patches) in [
            ("model", &properties.models),
            ("seed", &properties.seeds),
            ("snapshot", &properties.snapshots),
        ] {
            for (name, patch) in patches {
                attached.push((
                    format!("{kind}.{}.{name}", project.name),
                    name.clone(),
                    patch,
                ));
            }
        }
        for table in &properties.sources {
            let name = table
                .table
                .get("name")
                .and_then(serde_json::Value::as_str)
                .unwrap_or_default();
            attached.push((
                format!("source.{}.{}.{name}", project.name, table.source_name),
                format!("{}_{name}", table.source_name),
                &table.patch,
            ));
            // dbt names a source's tests `source_<test>_<source>_<table>…`.
        }
        for (attached_id, model_name, patch) in attached {
            for (column, test) in &patch.tests {
                let Some(entry) = generic_test::entry(test) else {
                    return Err(TransformError::Config(format!(
                        "{}: a test under `{model_name}` is neither a name nor a map: {test}",
                        patch.file
                    )));
                };
                self.add_generic_test(
                    project,
                    &attached_id,
                    &model_name,
                    column.as_deref(),
                    entry,
                    &patch.file,
                )?;
            }
        }
        Ok(())
    }

    fn add_generic_test(
        &mut self,
        project: &DbtProject,
        attached_id: &str,
        model_name: &str,
        column: Option<&str>,
        entry: TestEntry,
        file: &str,
    ) -> Result<()> {
        let mut name = generic_test::node_name(&entry, model_name, column);
        if attached_id.starts_with("source.") && entry.given_name.is_none() {
            name = format!("source_{name}");
        }
        let hash = generic_test::hex(&Sha256::digest(
            format!("{name}{:?}", entry.kwargs).as_bytes(),
        ));
        let unique_id = format!("test.{}.{name}.{}", project.name, &hash[..10]);
        let folder = Path::new(file)
            .parent()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        let mut fqn: Vec<String> = vec![project.name.clone()];
        fqn.extend(
            Path::new(&folder)
                .components()
                .skip(1)
                .map(|c| c.as_os_str().to_string_lossy().into_owned()),
        );
        fqn.push(name.clone());
        let mut config = self.base_config(project, ResourceType::Test, &fqn, None);
        config::merge_into(&mut config, &entry.config);
        // Arguments that are Jinja expressions (`to: ref('customers')`) are dependencies.
        let mut refs = Vec::new();
        let mut sources = Vec::new();
        let mut arguments: Vec<(String, Value)> = vec![(
            "model".to_string(),
            Value::from_object(Relation::table("", "", model_name)),
        )];
        for (key, value) in &entry.kwargs {
            let argument = match value.as_str() {
                Some(text) => {
                    let (evaluated, scope) =
                        self.renderer.argument(text, Scope::new(Phase::Parse, None));
                    refs.extend(scope.captured.refs);
                    sources.extend(scope.captured.sources);
                    evaluated?
                }
                None => crate::jinja::mutable::from_json(value),
            };
            arguments.push((key.clone(), argument));
        }
        if let Some(column) = column {
            arguments.push(("column_name".to_string(), Value::from(column)));
        }
        // The test macro at parse time, as dbt renders it: its `config()` calls (e.g. a
        // `fail_calc`) configure the test; the YAML's configs still win.
        let mut scope = Scope::new(Phase::Parse, None);
        scope.node = Some(ScopeNode {
            unique_id: unique_id.clone(),
            name: name.clone(),
            package: project.name.clone(),
            this: Relation::table(&self.target.database, &self.target.schema, &name),
            config: config.clone(),
            incremental: false,
            model: Value::default(),
        });
        let kwargs = minijinja::value::Kwargs::from_iter(
            arguments.iter().map(|(k, v)| (k.as_str(), v.clone())),
        );
        let (called, scope) = self.renderer.call_in(
            entry.namespace.as_deref(),
            &format!("test_{}", entry.name),
            vec![Value::from(kwargs)],
            scope,
        );
        called.map_err(|e| {
            TransformError::Compile(format!(
                "{file}: test `{}` of `{model_name}`: {e}",
                entry.name
            ))
        })?;
        config::merge_into(&mut config, &scope.captured.config);
        config::merge_into(&mut config, &entry.config);
        let mut kwargs = entry.kwargs.clone();
        if let Some(column) = column {
            kwargs.insert("column_name".into(), json!(column));
        }
        let (test_package, test_name) = (entry.namespace.clone(), entry.name.clone());
        let node = Node {
            unique_id: unique_id.clone(),
            resource_type: ResourceType::Test,
            package_name: project.name.clone(),
            name: name.clone(),
            path: format!("{name}.sql"),
            original_file_path: file.to_string(),
            file: project.root.join(file),
            raw_code: format!("{{{{ test_{test_name}(**_dbt_generic_test_kwargs) }}}}"),
            checksum: generic_test::hex(&Sha256::digest(b"")),
            config: Config(config),
            depends_on: vec![attached_id.to_string()],
            depends_on_macros: Vec::new(),
            refs,
            sources,
            description: String::new(),
            columns: Default::default(),
            fqn,
            patch_path: None,
            relation: Relation::table(&self.target.database, &self.target.schema, &name),
            test: Some(TestMetadata {
                name: test_name,
                namespace: test_package,
                kwargs,
                column_name: column.map(str::to_string),
                attached_node: Some(attached_id.to_string()),
            }),
        };
        self.insert(node)
    }

    /// Turns refs and sources into unique ids; a missing one is a compile error naming the
    /// file and line and the closest name.
    fn resolve_dependencies(&mut self) -> Result<()> {
        let mut resolved: HashMap<String, Vec<String>> = HashMap::new();
        for node in self.manifest.nodes.values() {
            let mut deps: Vec<String> = node.depends_on.clone();
            for call in &node.refs {
                let Some(target) = self.manifest.find_ref(call, &node.package_name) else {
                    return Err(self.missing(node, "ref", &call.name));
                };
                deps.push(target.unique_id.clone());
            }
            for (source_name, table) in &node.sources {
                let Some(source) = self.manifest.find_source(source_name, table) else {
                    return Err(self.missing(node, "source", &format!("{source_name}.{table}")));
                };
                deps.push(source.unique_id.clone());
            }
            let mut seen = std::collections::HashSet::new();
            deps.retain(|d| seen.insert(d.clone()));
            resolved.insert(node.unique_id.clone(), deps);
        }
        for (id, deps) in resolved {
            if let Some(node) = self.manifest.nodes.get_mut(&id) {
                node.depends_on = deps;
            }
        }
        // Generic tests on a disabled model are disabled too.
        let orphaned: Vec<String> = self
            .manifest
            .nodes
            .values()
            .filter(|n| {
                n.depends_on.iter().any(|d| {
                    !self.manifest.nodes.contains_key(d) && !self.manifest.sources.contains_key(d)
                })
            })
            .map(|n| n.unique_id.clone())
            .collect();
        for id in orphaned {
            if let Some(node) = self.manifest.nodes.shift_remove(&id) {
                self.manifest.disabled.insert(id, node);
            }
        }
        Ok(())
    }

    fn missing(&self, node: &Node, kind: &str, name: &str) -> TransformError {
        let line = node
            .raw_code
            .lines()
            .position(|l| l.contains(kind) && l.contains(name.rsplit('.').next().unwrap_or(name)))
            .map(|i| i + 1)
            .unwrap_or(1);
        let disabled = self.manifest.disabled.values().any(|n| n.name == name);
        let hint = if disabled {
            format!("; `{name}` is disabled (enabled: false)")
        } else if kind == "ref" {
            closest(name, self.manifest.refable_names())
                .map(|c| format!("; did you mean `{c}`?"))
                .unwrap_or_default()
        } else {
            let names: Vec<String> = self
                .manifest
                .sources
                .values()
                .map(|s| format!("{}.{}", s.source_name, s.name))
                .collect();
            closest(name, names.iter().map(String::as_str))
                .map(|c| format!("; did you mean `{c}`?"))
                .unwrap_or_else(|| " (declare it under `sources:` in a .yml file)".to_string())
        };
        TransformError::Compile(format!(
            "Compilation Error in {} {} ({}:{line}): {kind} `{name}` was not found{hint}",
            node.resource_type.as_str(),
            node.unique_id,
            node.original_file_path
        ))
    }
}

fn stem(file: &Path) -> String {
    file.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// dbt's fully qualified name: package, folders, name (snapshots: folders then the name).
fn fqn(package: &str, relative: &str, folder: &str, name: &str) -> Vec<String> {
    let mut out = vec![package.to_string()];
    let inside = Path::new(relative)
        .strip_prefix(folder)
        .unwrap_or(Path::new(relative));
    if let Some(parent) = inside.parent() {
        out.extend(
            parent
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned()),
        );
    }
    out.push(name.to_string());
    out
}
