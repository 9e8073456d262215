//! One dbt invocation: `lakeforge dbt <command>` with dbt's flags, exit codes and artifacts.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use lakeforge_lake::Lake;
use serde_json::{Map, Value, json};

use crate::artifacts::{self, Metadata};
use crate::error::{Result, TransformError};
use crate::executor::Executor;
use crate::graph::Graph;
use crate::jinja::Globals;
use crate::lineage::DbtLineage;
use crate::log::Log;
use crate::manifest::{Manifest, ResourceType};
use crate::parse::{self, Parsed};
use crate::profile::{self, ADAPTER_TYPE, Target};
use crate::project::DbtProject;
use crate::run::{self, Shared, Status};
use crate::select::{StateManifest, Universe};

/// dbt's commands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DbtCommand {
    /// Seeds, models, snapshots and tests in DAG order.
    Build,
    /// Models.
    Run,
    /// Tests.
    Test,
    /// Seeds.
    Seed,
    /// Snapshots.
    Snapshot,
    /// Compile SQL without running it.
    Compile,
    /// List resources.
    Ls,
    /// Check source freshness.
    SourceFreshness,
    /// Write catalog.json and the documentation site.
    DocsGenerate,
    /// Parse and write manifest.json.
    Parse,
    /// Remove the clean targets.
    Clean,
}

impl DbtCommand {
    /// dbt's name (`args.which`).
    pub fn which(self) -> &'static str {
        match self {
            Self::Build => "build",
            Self::Run => "run",
            Self::Test => "test",
            Self::Seed => "seed",
            Self::Snapshot => "snapshot",
            Self::Compile => "compile",
            Self::Ls => "list",
            Self::SourceFreshness => "source-freshness",
            Self::DocsGenerate => "generate",
            Self::Parse => "parse",
            Self::Clean => "clean",
        }
    }

    /// The resource types the command acts on.
    fn resource_types(self) -> &'static [ResourceType] {
        match self {
            Self::Run => &[ResourceType::Model],
            Self::Test => &[ResourceType::Test],
            Self::Seed => &[ResourceType::Seed],
            Self::Snapshot => &[ResourceType::Snapshot],
            Self::Compile => &[
                ResourceType::Model,
                ResourceType::Test,
                ResourceType::Analysis,
                ResourceType::Snapshot,
            ],
            _ => &[
                ResourceType::Model,
                ResourceType::Test,
                ResourceType::Seed,
                ResourceType::Snapshot,
            ],
        }
    }
}

/// Flags of an invocation, as dbt spells them.
#[derive(Clone, Debug)]
pub struct DbtArgs {
    /// The command.
    pub command: DbtCommand,
    /// `--project-dir`.
    pub project_dir: PathBuf,
    /// `--profiles-dir`.
    pub profiles_dir: Option<PathBuf>,
    /// `--target`.
    pub target: Option<String>,
    /// `--select`.
    pub select: Vec<String>,
    /// `--exclude`.
    pub exclude: Vec<String>,
    /// `--selector`.
    pub selector: Option<String>,
    /// `--full-refresh`.
    pub full_refresh: bool,
    /// `--vars` (YAML).
    pub vars: Option<String>,
    /// `--threads`.
    pub threads: Option<usize>,
    /// `--fail-fast`.
    pub fail_fast: bool,
    /// `--state`.
    pub state: Option<PathBuf>,
    /// `--target-path`.
    pub target_path: Option<PathBuf>,
    /// `--resource-type` (ls).
    pub resource_types: Vec<String>,
    /// `--output` of ls: `name`, `path`, `json` or selector (default).
    pub output: Option<String>,
    /// `--quiet`.
    pub quiet: bool,
    /// Show a progress line on standard error while nodes run (for a terminal).
    pub progress: bool,
    /// Where the invocation's OpenLineage events go (none: not emitted).
    pub lineage: Option<lakeforge_lineage::Lineage>,
}

impl DbtArgs {
    /// Flags for `command` in `project_dir`, everything else at dbt's defaults.
    pub fn new(command: DbtCommand, project_dir: impl Into<PathBuf>) -> Self {
        Self {
            command,
            project_dir: project_dir.into(),
            profiles_dir: None,
            target: None,
            select: Vec::new(),
            exclude: Vec::new(),
            selector: None,
            full_refresh: false,
            vars: None,
            threads: None,
            fail_fast: false,
            state: None,
            target_path: None,
            resource_types: Vec::new(),
            output: None,
            quiet: false,
            progress: false,
            lineage: None,
        }
    }

    fn json(&self) -> Value {
        json!({
            "which": self.command.which(),
            "select": self.select,
            "exclude": self.exclude,
            "selector": self.selector,
            "full_refresh": self.full_refresh,
            "vars": self.vars.clone().unwrap_or_default(),
            "threads": self.threads,
            "fail_fast": self.fail_fast,
            "target": self.target,
            "project_dir": absolute(&self.project_dir),
            // The folder the profiles file was found in, as dbt writes it (never null).
            "profiles_dir": profile::profiles_file(self.profiles_dir.as_deref(), &self.project_dir)
                .as_deref()
                .and_then(Path::parent)
                .or(self.profiles_dir.as_deref())
                .map(absolute),
            "state": self.state.as_ref().map(|p| p.display().to_string()),
            "invocation_command": format!("dbt {}", self.command.which()),
        })
    }
}

/// A path as dbt writes it in `args`: absolute.
fn absolute(path: &Path) -> String {
    std::path::absolute(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

/// The exit codes dbt uses.
pub mod exit {
    /// Everything ran (warnings allowed).
    pub const SUCCESS: i32 = 0;
    /// A node failed.
    pub const FAILURE: i32 = 1;
    /// Usage, configuration or compile error before anything ran.
    pub const ERROR: i32 = 2;
}

/// Runs an invocation over `lake`, writing dbt's log lines to `out`; returns dbt's exit code.
/// `default_database` is the spec's default project (a profile without `database:`).
pub async fn invoke(
    lake: &Lake,
    default_database: Option<&str>,
    args: &DbtArgs,
    out: Box<dyn std::io::Write + Send>,
) -> i32 {
    // `ls` prints resources only, so that scripts can read them.
    let log = Arc::new(Log::new(
        out,
        args.quiet || args.command == DbtCommand::Ls,
        args.progress,
    ));
    match Invocation::prepare(lake, default_database, args, log.clone()) {
        Ok(invocation) => match invocation.execute(lake).await {
            Ok(code) => code,
            Err(error) => {
                log.error(&format!("Encountered an error:\n{error}"));
                exit::ERROR
            }
        },
        Err(error) => {
            log.error(&format!("Encountered an error:\n{error}"));
            exit::ERROR
        }
    }
}

struct Invocation<'a> {
    args: &'a DbtArgs,
    project: DbtProject,
    target: Target,
    parsed: Parsed,
    graph: Graph,
    metadata: Metadata,
    target_dir: PathBuf,
    log: Arc<Log>,
    started: std::time::Instant,
}

impl<'a> Invocation<'a> {
    fn prepare(
        lake: &Lake,
        default_database: Option<&str>,
        args: &'a DbtArgs,
        log: Arc<Log>,
    ) -> Result<Self> {
        let started = std::time::Instant::now();
        let project = DbtProject::load(&args.project_dir)?;
        let target_dir = args
            .target_path
            .clone()
            .unwrap_or_else(|| args.project_dir.join(&project.target_path));
        log.info(&format!(
            "Running with lakeforge={} (dbt={})",
            env!("CARGO_PKG_VERSION"),
            artifacts::DBT_VERSION
        ));
        let packages = project.packages()?;
        let profile_name = project
            .profile
            .clone()
            .unwrap_or_else(|| project.name.clone());
        let file = profile::profiles_file(args.profiles_dir.as_deref(), &args.project_dir)
            .unwrap_or_else(|| args.project_dir.join("profiles.yml"));
        let render_profile = |text: &str| -> Result<String> { render_plain(text) };
        let mut target = profile::load_target(
            &file,
            &profile_name,
            args.target.as_deref(),
            default_database,
            &render_profile,
        )?;
        if let Some(threads) = args.threads {
            target.threads = threads.max(1);
        }
        if !lake.projects().iter().any(|p| p == &target.database) {
            return Err(TransformError::Config(format!(
                "{}: database `{}` is not a project of the spec; projects: {}",
                file.display(),
                target.database,
                lake.projects().join(", ")
            )));
        }
        log.info(&format!(
            "Registered adapter: {ADAPTER_TYPE}={}",
            env!("CARGO_PKG_VERSION")
        ));
        let started_at = chrono::Utc::now();
        let invocation_id = invocation_id();
        let mut vars = Map::new();
        for (key, value) in &project.vars {
            if !value.is_object()
                || !packages.iter().any(|p| &p.name == key) && key != &project.name
            {
                vars.insert(key.clone(), value.clone());
            }
        }
        if let Some(Value::Object(own)) = project.vars.get(&project.name) {
            vars.extend(own.clone());
        }
        if let Some(text) = &args.vars {
            let parsed = crate::yaml::parse(Path::new("--vars"), text)?;
            match parsed {
                Value::Object(map) => vars.extend(map),
                Value::Null => {}
                other => {
                    return Err(TransformError::Config(format!(
                        "--vars must be a YAML map like '{{key: value}}', not {other}"
                    )));
                }
            }
        }
        let mut target_map = target.output.clone();
        target_map.insert("name".into(), json!(target.name));
        target_map.insert("target_name".into(), json!(target.name));
        target_map.insert("profile_name".into(), json!(target.profile_name));
        let flags = json!({"FULL_REFRESH": args.full_refresh, "WHICH": args.command.which(), "STORE_FAILURES": false})
            .as_object()
            .cloned()
            .unwrap_or_default();
        let globals = Globals {
            target: target_map,
            vars,
            run_started_at: started_at,
            invocation_id: invocation_id.clone(),
            flags,
            project_name: project.name.clone(),
        };
        let parsed = parse::parse(&project, &packages, &target, globals)?;
        if parsed.manifest.nodes.values().any(|n| {
            n.config
                .0
                .get("persist_docs")
                .is_some_and(|v| !v.is_null() && v != &json!({}))
        }) {
            log.info("note: +persist_docs is ignored: lakeforge keeps descriptions in manifest.json and the docs site, not in the tables");
        }
        let graph = Graph::new(&parsed.manifest)?;
        let metadata = Metadata {
            invocation_id,
            started_at,
            project_name: project.name.clone(),
        };
        Ok(Self {
            args,
            project,
            target,
            parsed,
            graph,
            metadata,
            target_dir,
            log,
            started,
        })
    }

    async fn execute(self, lake: &Lake) -> Result<i32> {
        let manifest = &self.parsed.manifest;
        if self.args.command == DbtCommand::Clean {
            for target in &self.project.clean_targets {
                let path = self.args.project_dir.join(target);
                if path.exists() {
                    std::fs::remove_dir_all(&path).map_err(|e| TransformError::io(&path, e))?;
                    self.log.info(&format!("Cleaned {}/", target));
                }
            }
            self.log.info("Finished cleaning all paths.");
            return Ok(exit::SUCCESS);
        }
        self.log.info(&found_line(
            manifest,
            self.parsed.renderer.registry().macros.len(),
        ));
        let selected = self.selected()?;
        if self.args.command == DbtCommand::Parse {
            self.write_manifest(&Map::new())?;
            return Ok(exit::SUCCESS);
        }
        if self.args.command == DbtCommand::Ls {
            self.list(&selected);
            return Ok(exit::SUCCESS);
        }
        let types = self.args.command.resource_types();
        let order: Vec<String> = self
            .graph
            .topological(
                &selected.iter().cloned().collect::<HashSet<_>>(),
                &manifest.nodes.keys().cloned().collect::<Vec<_>>(),
            )
            .into_iter()
            .filter(|id| {
                manifest
                    .nodes
                    .get(id)
                    .is_some_and(|n| types.contains(&n.resource_type))
            })
            .collect();
        let manifest = Arc::new(manifest.clone());
        let executor = Arc::new(Executor::new(lake.clone(), manifest.clone()).await?);
        if self.args.command == DbtCommand::SourceFreshness {
            return crate::freshness::run(
                &executor,
                &manifest,
                &selected,
                &self.log,
                &self.target_dir,
                &self.metadata,
            )
            .await;
        }
        if self.args.command == DbtCommand::DocsGenerate {
            return crate::docs::generate(
                &executor,
                &manifest,
                &self.log,
                &self.target_dir,
                &self.metadata,
                lake,
                &self.target,
            )
            .await
            .and_then(|()| self.write_manifest(&Map::new()).map(|()| exit::SUCCESS));
        }
        let renderer = Arc::new(self.parsed.renderer);
        let lineage = self
            .args
            .lineage
            .clone()
            .filter(|_| self.args.command != DbtCommand::Compile)
            .map(|lineage| {
                Arc::new(DbtLineage::start(
                    lineage,
                    &self.project.name,
                    self.args.command.which(),
                ))
            });
        let shared = Arc::new(Shared {
            manifest: manifest.clone(),
            renderer,
            executor,
            full_refresh: self.args.full_refresh,
            target_dir: self.target_dir.clone(),
            log: self.log.clone(),
            lineage: lineage.clone(),
        });
        let invocation = InvocationTail {
            args: self.args,
            project: &self.project,
            target: &self.target,
            metadata: &self.metadata,
            target_dir: &self.target_dir,
            log: &self.log,
            started: self.started,
        };
        let result = invocation.run(shared, order).await;
        if let Some(lineage) = lineage {
            match &result {
                Ok(exit::SUCCESS) => lineage.finish(None),
                Ok(code) => lineage.finish(Some(&format!(
                    "dbt {} ended with exit code {code}: a node failed",
                    self.args.command.which()
                ))),
                Err(error) => lineage.finish(Some(&error.to_string())),
            }
        }
        result
    }

    fn selected(&self) -> Result<BTreeSet<String>> {
        let state = match &self.args.state {
            Some(dir) => Some(read_state(dir)?),
            None => None,
        };
        let universe = Universe {
            manifest: &self.parsed.manifest,
            graph: &self.graph,
            state: state.as_ref(),
        };
        let mut selected = universe.select(&self.args.select, &self.args.exclude)?;
        if let Some(name) = &self.args.selector {
            let file = self.args.project_dir.join("selectors.yml");
            let definitions = crate::yaml::read(&file)?;
            let chosen = universe.selector(&definitions, name)?;
            selected = selected.intersection(&chosen).cloned().collect();
        }
        Ok(selected)
    }

    fn list(&self, selected: &BTreeSet<String>) {
        let manifest = &self.parsed.manifest;
        let wanted = |kind: &str| {
            self.args.resource_types.is_empty()
                || self
                    .args
                    .resource_types
                    .iter()
                    .any(|r| r == kind || r == "all")
        };
        let output = self.args.output.as_deref().unwrap_or("selector");
        let mut lines = Vec::new();
        for node in manifest
            .nodes
            .values()
            .filter(|n| selected.contains(&n.unique_id))
        {
            if !wanted(node.resource_type.as_str()) {
                continue;
            }
            lines.push(match output {
                "name" => node.name.clone(),
                "path" => node.original_file_path.clone(),
                "json" => json!({"name": node.name, "resource_type": node.resource_type.as_str(), "package_name": node.package_name, "original_file_path": node.original_file_path, "unique_id": node.unique_id, "alias": node.relation.identifier, "config": node.config.0, "tags": node.tags(), "depends_on": {"nodes": node.depends_on}}).to_string(),
                _ => node.fqn.join("."),
            });
        }
        for source in manifest
            .sources
            .values()
            .filter(|s| selected.contains(&s.unique_id))
        {
            if !wanted("source") {
                continue;
            }
            lines.push(match output {
                "name" => format!("{}.{}", source.source_name, source.name),
                "path" => source.original_file_path.clone(),
                "json" => json!({"name": source.name, "resource_type": "source", "source_name": source.source_name, "unique_id": source.unique_id}).to_string(),
                _ => format!("source:{}", source.fqn.join(".")),
            });
        }
        self.log.print_raw(&lines.join("\n"));
    }

    fn write_manifest(&self, compiled: &Map<String, Value>) -> Result<()> {
        let value = artifacts::manifest_json(
            &self.parsed.manifest,
            &self.metadata,
            ADAPTER_TYPE,
            compiled,
        );
        artifacts::write(&self.target_dir.join("manifest.json"), &value)
    }
}

/// The part of an invocation that runs nodes (after the renderer moved into the run).
struct InvocationTail<'a> {
    args: &'a DbtArgs,
    project: &'a DbtProject,
    target: &'a Target,
    metadata: &'a Metadata,
    target_dir: &'a Path,
    log: &'a Log,
    started: std::time::Instant,
}

impl InvocationTail<'_> {
    async fn run(&self, shared: Arc<Shared>, order: Vec<String>) -> Result<i32> {
        let manifest = shared.manifest.clone();
        let compile_only = self.args.command == DbtCommand::Compile;
        self.log.info("");
        self.log.info(&format!(
            "Concurrency: {} threads (target='{}')",
            self.target.threads, self.target.name
        ));
        self.log.info("");
        let mut compiled = Map::new();
        let mut hook_failed = false;
        let outcome = if compile_only {
            for id in &order {
                let node = &manifest.nodes[id];
                let incremental = shared.incremental(node).await?;
                let sql = shared.compile(id, incremental).await?;
                shared.write_sql("compiled", node, &sql)?;
                compiled.insert(id.clone(), Value::String(sql));
            }
            None
        } else {
            if !self.project.on_run_start.is_empty() {
                shared
                    .run_hooks(self.project.on_run_start.clone(), None)
                    .await?;
            }
            let outcome = run::run(
                shared.clone(),
                order,
                self.target.threads,
                self.args.fail_fast,
            )
            .await;
            if let Err(error) = shared
                .run_hooks(self.project.on_run_end.clone(), None)
                .await
            {
                self.log.error(&format!("on-run-end failed: {error}"));
                hook_failed = true;
            }
            compiled = outcome.compiled.clone();
            Some(outcome)
        };
        let manifest_json =
            artifacts::manifest_json(&manifest, self.metadata, ADAPTER_TYPE, &compiled);
        artifacts::write(&self.target_dir.join("manifest.json"), &manifest_json)?;
        let elapsed = self.started.elapsed().as_secs_f64();
        let Some(outcome) = outcome else {
            self.log
                .info(&format!("Compiled {} nodes.", compiled.len()));
            let results =
                artifacts::run_results_json(&[], self.metadata, elapsed, &self.args.json());
            artifacts::write(&self.target_dir.join("run_results.json"), &results)?;
            return Ok(exit::SUCCESS);
        };
        let results = artifacts::run_results_json(
            &outcome.results,
            self.metadata,
            elapsed,
            &self.args.json(),
        );
        artifacts::write(&self.target_dir.join("run_results.json"), &results)?;
        let code = self.summary(&manifest, &outcome, elapsed);
        Ok(if hook_failed { exit::FAILURE } else { code })
    }

    fn summary(&self, manifest: &Manifest, outcome: &run::RunOutcome, elapsed: f64) -> i32 {
        let count = |status: &str| {
            outcome
                .results
                .iter()
                .filter(|r| r.status == status)
                .count()
        };
        let pass = count(Status::Success.as_str()) + count(Status::Pass.as_str());
        let warn = count(Status::Warn.as_str());
        let error = count(Status::Error.as_str()) + count(Status::Fail.as_str());
        let skip = count(Status::Skipped.as_str());
        let total = outcome.results.len();
        self.log.info("");
        if total == 0 {
            self.log.info(
                "Nothing to do. Try checking your model configs and model specification args",
            );
            return exit::SUCCESS;
        }
        self.log.info(&format!(
            "Finished running {} in {:.2}s.",
            kinds_line(manifest, outcome),
            elapsed
        ));
        self.log.info("");
        if error == 0 && warn == 0 {
            self.log.info("Completed successfully");
        } else {
            let summary = format!(
                "Completed with {error} error{} and {warn} warning{}:",
                plural(error),
                plural(warn)
            );
            if error > 0 {
                self.log.error(&summary)
            } else {
                self.log.info(&summary)
            }
            for result in outcome
                .results
                .iter()
                .filter(|r| matches!(r.status, "error" | "fail" | "warn"))
            {
                let node = &manifest.nodes[&result.unique_id];
                let heading = match result.status {
                    "fail" => format!(
                        "Failure in test {} ({})",
                        node.name, node.original_file_path
                    ),
                    "warn" => format!(
                        "Warning in test {} ({})",
                        node.name, node.original_file_path
                    ),
                    _ => format!(
                        "Error in {} {} ({})",
                        node.resource_type.as_str(),
                        node.name,
                        node.original_file_path
                    ),
                };
                let message = result.message.clone().unwrap_or_default();
                self.log.error("");
                self.log.error(&heading);
                self.log.error(&format!("  {message}"));
            }
        }
        self.log.info("");
        self.log.error(&format!(
            "Done. PASS={pass} WARN={warn} ERROR={error} SKIP={skip} NO-OP=0 TOTAL={total}"
        ));
        if error > 0 || (skip > 0 && self.args.fail_fast) {
            exit::FAILURE
        } else {
            exit::SUCCESS
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `1 seed, 4 table models, 6 data tests`.
fn kinds_line(manifest: &Manifest, outcome: &run::RunOutcome) -> String {
    let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
    for result in &outcome.results {
        let node = &manifest.nodes[&result.unique_id];
        let kind = match node.resource_type {
            ResourceType::Model => match node.config.materialized() {
                "table" => "table model",
                "view" => "view model",
                "incremental" => "incremental model",
                _ => "model",
            },
            ResourceType::Test => "data test",
            ResourceType::Seed => "seed",
            ResourceType::Snapshot => "snapshot",
            ResourceType::Analysis => "analysis",
        };
        *counts.entry(kind).or_default() += 1;
    }
    counts
        .iter()
        .map(|(kind, n)| format!("{n} {kind}{}", plural(*n)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `Found 4 models, 1 seed, 6 data tests, 1 source, 40 macros`.
fn found_line(manifest: &Manifest, macros: usize) -> String {
    let count = |kind: ResourceType| {
        manifest
            .nodes
            .values()
            .filter(|n| n.resource_type == kind)
            .count()
    };
    let mut parts = Vec::new();
    for (kind, name) in [
        (ResourceType::Model, "model"),
        (ResourceType::Snapshot, "snapshot"),
        (ResourceType::Seed, "seed"),
        (ResourceType::Test, "data test"),
        (ResourceType::Analysis, "analysis"),
    ] {
        let n = count(kind);
        if n > 0 {
            parts.push(format!("{n} {name}{}", plural(n)));
        }
    }
    let sources = manifest.sources.len();
    if sources > 0 {
        parts.push(format!("{sources} source{}", plural(sources)));
    }
    parts.push(format!("{macros} macros"));
    format!("Found {}", parts.join(", "))
}

/// Renders profile values (`{{ env_var('X') }}`).
fn render_plain(text: &str) -> Result<String> {
    if !text.contains("{{") && !text.contains("{%") {
        return Ok(text.to_string());
    }
    let mut env = minijinja::Environment::new();
    env.add_function("env_var", crate::jinja::functions::env_var);
    env.render_str(text, ())
        .map_err(|e| crate::jinja::jinja_error(&e, None))
}

/// A random UUID v4 string.
fn invocation_id() -> String {
    let mut bytes = [0u8; 16];
    let seed = format!("{:?}{}", std::time::SystemTime::now(), std::process::id());
    let digest = <sha2::Sha256 as sha2::Digest>::digest(seed.as_bytes());
    bytes.copy_from_slice(&digest[..16]);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex = crate::generic_test::hex(&bytes);
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// A previous manifest's checksums and configs, for `state:modified`.
fn read_state(dir: &Path) -> Result<StateManifest> {
    let path = dir.join("manifest.json");
    let text = std::fs::read_to_string(&path).map_err(|e| TransformError::File {
        path: path.clone(),
        reason: format!("cannot read the --state manifest: {e}"),
    })?;
    let value: Value = serde_json::from_str(&text).map_err(|e| TransformError::File {
        path: path.clone(),
        reason: e.to_string(),
    })?;
    let mut out = StateManifest::new();
    for (id, node) in value
        .get("nodes")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let checksum = node
            .pointer("/checksum/checksum")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let mut config = node.get("config").cloned().unwrap_or(json!({}));
        if let (Some(map), Some("test")) = (
            config.as_object_mut(),
            node.get("resource_type").and_then(Value::as_str),
        ) && let Some(severity) = map.get("severity").and_then(Value::as_str)
        {
            let lower = severity.to_lowercase();
            map.insert("severity".into(), json!(lower));
        }
        out.insert(id.clone(), (checksum, config));
    }
    Ok(out)
}
