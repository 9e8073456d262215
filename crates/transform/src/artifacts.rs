//! dbt's artifacts: `manifest.json` (v12), `run_results.json` (v6) and `catalog.json`
//! (v1), in the shapes dbt-core 1.12 writes, plus the `graph` Jinja sees.

use std::path::Path;

use serde_json::{Map, Value, json};

use crate::error::{Result, TransformError};
use crate::manifest::{ColumnInfo, Manifest, Node, ResourceType, Source};

/// The dbt-core version whose artifact schemas lakeforge writes.
pub const DBT_VERSION: &str = "1.12.6";
/// manifest.json schema.
pub const MANIFEST_SCHEMA: &str = "https://schemas.getdbt.com/dbt/manifest/v12.json";
/// run_results.json schema.
pub const RUN_RESULTS_SCHEMA: &str = "https://schemas.getdbt.com/dbt/run-results/v6.json";
/// catalog.json schema.
pub const CATALOG_SCHEMA: &str = "https://schemas.getdbt.com/dbt/catalog/v1.json";

/// What every artifact's `metadata` says.
#[derive(Clone, Debug)]
pub struct Metadata {
    /// The invocation's id.
    pub invocation_id: String,
    /// When the invocation started.
    pub started_at: chrono::DateTime<chrono::Utc>,
    /// The root project's name.
    pub project_name: String,
}

impl Metadata {
    fn json(&self, schema: &str) -> Value {
        json!({
            "dbt_schema_version": schema,
            "dbt_version": DBT_VERSION,
            "generated_at": timestamp(chrono::Utc::now()),
            "invocation_id": self.invocation_id,
            "invocation_started_at": timestamp(self.started_at),
            "env": {},
        })
    }
}

/// ISO time as dbt writes it (`2026-12-03T19:12:54.579844Z`).
pub fn timestamp(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

fn columns_json(columns: &indexmap::IndexMap<String, ColumnInfo>) -> Value {
    Value::Object(
        columns
            .iter()
            .map(|(name, c)| {
                (
                    name.clone(),
                    json!({
                        "name": c.name,
                        "description": c.description,
                        "meta": c.meta,
                        "data_type": c.data_type,
                        "constraints": [],
                        "quote": null,
                        "tags": c.tags,
                    }),
                )
            })
            .collect(),
    )
}

/// A node's config as dbt writes it (test severities upper-case).
fn config_json(node: &Node) -> Value {
    let mut config = node.config.0.clone();
    if node.resource_type == ResourceType::Test {
        config.insert(
            "severity".into(),
            json!(node.config.severity().to_uppercase()),
        );
    }
    Value::Object(config)
}

/// A node of manifest.json. `compiled` is its compiled SQL when this invocation compiled it.
pub fn node_json(node: &Node, compiled: Option<&str>) -> Value {
    let relation_name = (node.resource_type != ResourceType::Test
        && node.config.materialized() != "ephemeral")
        .then(|| node.relation.to_string());
    let mut out = json!({
        "database": node.relation.database,
        "schema": node.relation.schema,
        "name": node.name,
        "resource_type": node.resource_type.as_str(),
        "package_name": node.package_name,
        "path": node.path,
        "original_file_path": node.original_file_path,
        "unique_id": node.unique_id,
        "fqn": node.fqn,
        "alias": node.relation.identifier,
        "checksum": {"name": "sha256", "checksum": node.checksum},
        "config": config_json(node),
        "tags": node.tags(),
        "description": node.description,
        "columns": columns_json(&node.columns),
        "meta": node.config.0.get("meta").cloned().unwrap_or(json!({})),
        "patch_path": node.patch_path,
        "unrendered_config": {},
        "created_at": 0.0,
        "relation_name": relation_name,
        "raw_code": node.raw_code,
    });
    let map = out.as_object_mut().expect("a JSON object");
    if node.resource_type == ResourceType::Seed {
        map.insert("depends_on".into(), json!({"macros": []}));
        map.insert("root_path".into(), json!(null));
        return out;
    }
    map.insert("language".into(), json!("sql"));
    map.insert(
        "refs".into(),
        Value::Array(
            node.refs
                .iter()
                .map(|r| json!({"name": r.name, "package": r.package, "version": null}))
                .collect(),
        ),
    );
    map.insert(
        "sources".into(),
        Value::Array(node.sources.iter().map(|(s, t)| json!([s, t])).collect()),
    );
    map.insert(
        "depends_on".into(),
        json!({"macros": node.depends_on_macros, "nodes": node.depends_on}),
    );
    map.insert(
        "compiled_path".into(),
        json!(compiled.map(|_| compiled_path(node))),
    );
    map.insert("compiled".into(), json!(compiled.is_some()));
    map.insert("compiled_code".into(), json!(compiled));
    map.insert("extra_ctes_injected".into(), json!(compiled.is_some()));
    map.insert("extra_ctes".into(), json!([]));
    if let Some(test) = &node.test {
        let mut kwargs = test.kwargs.clone();
        kwargs.insert(
            "model".into(),
            json!(match &test.attached_node {
                Some(id) if id.starts_with("source.") => {
                    let parts: Vec<&str> = id.splitn(4, '.').collect();
                    format!(
                        "{{{{ get_where_subquery(source('{}', '{}')) }}}}",
                        parts.get(2).unwrap_or(&""),
                        parts.get(3).unwrap_or(&"")
                    )
                }
                Some(id) => format!(
                    "{{{{ get_where_subquery(ref('{}')) }}}}",
                    id.rsplit('.').next().unwrap_or_default()
                ),
                None => String::new(),
            }),
        );
        map.insert(
            "test_metadata".into(),
            json!({"name": test.name, "kwargs": kwargs, "namespace": test.namespace}),
        );
        map.insert("column_name".into(), json!(test.column_name));
        map.insert("attached_node".into(), json!(test.attached_node));
        map.insert("file_key_name".into(), json!(null));
    }
    out
}

/// Where a node's compiled SQL goes under the target path (`compiled/<pkg>/<file>`; a
/// generic test under its property file's folder).
pub fn compiled_path(node: &Node) -> String {
    let mut path = format!("{}/{}", node.package_name, node.original_file_path);
    if node.is_generic_test() || node.resource_type == ResourceType::Snapshot {
        path = format!("{path}/{}.sql", crate::generic_test::short_name(&node.name));
    }
    path
}

fn source_json(source: &Source) -> Value {
    json!({
        "database": source.relation.database,
        "schema": source.relation.schema,
        "name": source.name,
        "resource_type": "source",
        "package_name": source.package_name,
        "path": source.original_file_path,
        "original_file_path": source.original_file_path,
        "unique_id": source.unique_id,
        "fqn": source.fqn,
        "source_name": source.source_name,
        "source_description": "",
        "loader": "",
        "identifier": source.relation.identifier,
        "description": source.description,
        "columns": columns_json(&source.columns),
        "loaded_at_field": source.loaded_at_field,
        "relation_name": source.relation.to_string(),
        "config": source.config.0,
        "tags": source.config.tags(),
    })
}

/// manifest.json. `compiled` maps unique ids to compiled SQL.
pub fn manifest_json(
    manifest: &Manifest,
    metadata: &Metadata,
    adapter: &str,
    compiled: &Map<String, Value>,
) -> Value {
    let (nodes, sources) = nodes_and_sources(manifest, compiled);
    let mut parent_map = Map::new();
    let mut child_map: Map<String, Value> = Map::new();
    for id in manifest.nodes.keys().chain(manifest.sources.keys()) {
        child_map.insert(id.clone(), json!([]));
    }
    for node in manifest.nodes.values() {
        let mut parents = node.depends_on.clone();
        parents.sort();
        parent_map.insert(node.unique_id.clone(), json!(parents));
        for parent in &node.depends_on {
            if let Some(Value::Array(children)) = child_map.get_mut(parent) {
                children.push(json!(node.unique_id));
            }
        }
    }
    // dbt writes both maps' lists sorted.
    for children in child_map.values_mut() {
        if let Value::Array(children) = children {
            children.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
        }
    }
    for id in manifest.sources.keys() {
        parent_map.insert(id.clone(), json!([]));
    }
    let disabled: Map<String, Value> = manifest
        .disabled
        .iter()
        .map(|(id, node)| (id.clone(), json!([node_json(node, None)])))
        .collect();
    let mut meta = metadata.json(MANIFEST_SCHEMA);
    let meta_map = meta.as_object_mut().expect("a JSON object");
    meta_map.insert("project_name".into(), json!(metadata.project_name));
    meta_map.insert("adapter_type".into(), json!(adapter));
    meta_map.insert("send_anonymous_usage_stats".into(), json!(false));
    json!({
        "metadata": meta,
        "nodes": nodes,
        "sources": sources,
        "macros": {},
        "docs": {},
        "exposures": {},
        "metrics": {},
        "groups": {},
        "selectors": {},
        "disabled": disabled,
        "parent_map": parent_map,
        "child_map": child_map,
        "group_map": {},
        "saved_queries": {},
        "semantic_models": {},
        "unit_tests": {},
        "functions": {},
    })
}

/// `graph` for Jinja: `graph.nodes` and `graph.sources` as in the manifest.
pub fn graph_value(manifest: &Manifest) -> minijinja::Value {
    let (nodes, sources) = nodes_and_sources(manifest, &Map::new());
    crate::jinja::to_value(&json!({"nodes": nodes, "sources": sources}))
}

/// The manifest's `nodes` and `sources` maps; `compiled` holds compiled SQL by unique id.
fn nodes_and_sources(
    manifest: &Manifest,
    compiled: &Map<String, Value>,
) -> (Map<String, Value>, Map<String, Value>) {
    let nodes = manifest
        .nodes
        .iter()
        .map(|(id, node)| {
            let sql = compiled.get(id).and_then(Value::as_str);
            (id.clone(), node_json(node, sql))
        })
        .collect();
    let sources = manifest
        .sources
        .iter()
        .map(|(id, s)| (id.clone(), source_json(s)))
        .collect();
    (nodes, sources)
}

/// One result of run_results.json.
#[derive(Clone, Debug)]
pub struct ResultEntry {
    /// The node.
    pub unique_id: String,
    /// dbt's status: success, error, skipped, pass, fail, warn.
    pub status: &'static str,
    /// The message (adapter response or error).
    pub message: Option<String>,
    /// Failing rows of a test.
    pub failures: Option<u64>,
    /// Rows affected.
    pub rows: Option<u64>,
    /// Compile start/end and execute start/end.
    pub timing: Vec<(
        &'static str,
        chrono::DateTime<chrono::Utc>,
        chrono::DateTime<chrono::Utc>,
    )>,
    /// Seconds.
    pub execution_time: f64,
    /// Worker thread.
    pub thread: usize,
    /// Compiled SQL.
    pub compiled_code: Option<String>,
    /// The relation built.
    pub relation_name: Option<String>,
}

/// run_results.json.
pub fn run_results_json(
    results: &[ResultEntry],
    metadata: &Metadata,
    elapsed: f64,
    args: &Value,
) -> Value {
    let entries: Vec<Value> = results
        .iter()
        .map(|r| {
            json!({
                "status": r.status,
                "timing": r.timing.iter().map(|(name, start, end)| json!({"name": name, "started_at": timestamp(*start), "completed_at": timestamp(*end)})).collect::<Vec<_>>(),
                "thread_id": format!("Thread-{} (worker)", r.thread + 1),
                "execution_time": r.execution_time,
                "adapter_response": match (&r.message, r.rows) {
                    (Some(message), rows) if r.status == "success" => json!({"_message": message, "code": message.split(' ').next().unwrap_or(""), "rows_affected": rows.map_or(-1, |rows| rows as i64)}),
                    _ => json!({}),
                },
                "message": r.message,
                "failures": r.failures,
                "unique_id": r.unique_id,
                "compiled": r.compiled_code.is_some(),
                "compiled_code": r.compiled_code,
                "relation_name": r.relation_name,
                "batch_results": null,
            })
        })
        .collect();
    json!({
        "metadata": metadata.json(RUN_RESULTS_SCHEMA),
        "results": entries,
        "elapsed_time": elapsed,
        "args": args,
    })
}

/// A relation found in the lake for the catalog: unique id, relation, columns (name, SQL
/// type).
pub type CatalogEntry = (
    String,
    crate::jinja::relation::Relation,
    Vec<(String, String)>,
);

/// catalog.json: every built table and view with its columns.
pub fn catalog_json(entries: &[CatalogEntry], metadata: &Metadata) -> Value {
    let mut nodes = Map::new();
    let mut sources = Map::new();
    for (id, relation, columns) in entries {
        let is_view = relation.kind == crate::jinja::relation::RelationKind::View;
        let columns: Map<String, Value> = columns
            .iter()
            .enumerate()
            .map(|(index, (name, data_type))| {
                (
                    name.clone(),
                    json!({"type": data_type, "index": index + 1, "name": name, "comment": null}),
                )
            })
            .collect();
        let entry = json!({
            "metadata": {"type": if is_view { "VIEW" } else { "BASE TABLE" }, "schema": relation.schema, "name": relation.identifier, "database": relation.database, "comment": null, "owner": null},
            "columns": columns,
            "stats": {"has_stats": {"id": "has_stats", "label": "Has Stats?", "value": false, "include": false, "description": "Indicates whether there are statistics for this table"}},
            "unique_id": id,
        });
        if id.starts_with("source.") {
            sources.insert(id.clone(), entry);
        } else {
            nodes.insert(id.clone(), entry);
        }
    }
    json!({"metadata": metadata.json(CATALOG_SCHEMA), "nodes": nodes, "sources": sources, "errors": null})
}

/// Writes a JSON artifact.
pub fn write(path: &Path, value: &Value) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| TransformError::io(parent, e))?;
    }
    let text = serde_json::to_string(value).map_err(|e| TransformError::Compile(e.to_string()))?;
    std::fs::write(path, text).map_err(|e| TransformError::io(path, e))
}
