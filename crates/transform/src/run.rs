//! Running selected nodes: the DAG in parallel on `--threads`, a failed node skipping its
//! descendants, dbt's log lines, and one result per node.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use std::panic::AssertUnwindSafe;

use chrono::Utc;
use futures::FutureExt;
use serde_json::{Map, Value};
use tokio::task::JoinSet;

use crate::artifacts::{self, ResultEntry};
use crate::compile::Compiler;
use crate::data_test::{self, Verdict};
use crate::error::{Result, TransformError};
use crate::executor::Executor;
use crate::jinja::Renderer;
use crate::jinja::relation::RelationKind;
use crate::jinja::scope::{Phase, Scope};
use crate::lineage::{DbtLineage, NodeOutcome};
use crate::log::Log;
use crate::manifest::{Manifest, Node, ResourceType};
use crate::materialize::{self, Built, describe};

/// What the nodes of one run share.
pub struct Shared {
    /// The parsed project.
    pub manifest: Arc<Manifest>,
    /// Jinja.
    pub renderer: Arc<Renderer>,
    /// The lake session.
    pub executor: Arc<Executor>,
    /// `--full-refresh`.
    pub full_refresh: bool,
    /// Where compiled SQL goes (`target/`).
    pub target_dir: std::path::PathBuf,
    /// Log lines.
    pub log: Arc<Log>,
    /// The invocation's lineage, when emitted.
    pub lineage: Option<Arc<DbtLineage>>,
}

impl Shared {
    fn compiler(&self) -> Compiler<'_> {
        Compiler {
            renderer: &self.renderer,
            manifest: &self.manifest,
            resolver: self.executor.clone(),
        }
    }

    /// Whether `is_incremental()` is true for a node in this run.
    pub async fn incremental(&self, node: &Node) -> Result<bool> {
        if node.config.materialized() != "incremental" {
            return Ok(false);
        }
        if self.full_refresh && node.config.full_refresh() != Some(false) {
            return Ok(false);
        }
        let target = Executor::table_ref(&node.relation)?;
        Ok(self.executor.lake.existing_table(&target).await?)
    }

    /// Compiles a node on a blocking thread (Jinja may run queries) and writes
    /// `target/compiled/...`.
    pub async fn compile(self: &Arc<Self>, id: &str, incremental: bool) -> Result<String> {
        let shared = self.clone();
        let id = id.to_string();
        let sql = tokio::task::spawn_blocking(move || {
            let node = &shared.manifest.nodes[&id];
            shared.compiler().compile(node, incremental)
        })
        .await
        .map_err(|e| TransformError::Compile(format!("compile task failed: {e}")))??;
        Ok(sql)
    }

    /// Writes a node's SQL under `target/<folder>/`.
    pub fn write_sql(&self, folder: &str, node: &Node, sql: &str) -> Result<()> {
        let path = self
            .target_dir
            .join(folder)
            .join(artifacts::compiled_path(node));
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| TransformError::io(parent, e))?;
        }
        std::fs::write(&path, sql).map_err(|e| TransformError::io(&path, e))
    }

    /// Renders and runs hooks (`pre-hook`, `on-run-start`, …).
    pub async fn run_hooks(
        self: &Arc<Self>,
        hooks: Vec<String>,
        node: Option<&Node>,
    ) -> Result<()> {
        for hook in hooks {
            let shared = self.clone();
            let id = node.map(|n| n.unique_id.clone());
            let sql = tokio::task::spawn_blocking(move || {
                // A node's hooks see what its SQL sees (`this`, `config`, `model`).
                let scope = match id.and_then(|id| shared.manifest.nodes.get(&id)) {
                    Some(node) => shared.compiler().scope(node, false),
                    None => Scope::new(Phase::Execute, Some(shared.executor.clone())),
                };
                shared.renderer.render("<hook>", &hook, scope).0
            })
            .await
            .map_err(|e| TransformError::Compile(format!("hook task failed: {e}")))??;
            for statement in sql.split(';').map(str::trim).filter(|s| !s.is_empty()) {
                self.executor.collect(statement).await?;
            }
        }
        Ok(())
    }
}

/// dbt's status of a node result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Built.
    Success,
    /// Failed to build (or a test errored).
    Error,
    /// Not run: an upstream node failed.
    Skipped,
    /// Test passed.
    Pass,
    /// Test failed.
    Fail,
    /// Test warned.
    Warn,
}

impl Status {
    /// The string run_results.json uses.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Success => "success",
            Self::Error => "error",
            Self::Skipped => "skipped",
            Self::Pass => "pass",
            Self::Fail => "fail",
            Self::Warn => "warn",
        }
    }

    /// Whether descendants must be skipped.
    pub fn blocks(self) -> bool {
        matches!(self, Self::Error | Self::Fail | Self::Skipped)
    }
}

/// The outcome of a run.
pub struct RunOutcome {
    /// One entry per node, in completion order.
    pub results: Vec<ResultEntry>,
    /// Compiled SQL by unique id.
    pub compiled: Map<String, Value>,
}

/// Runs `order` (parents first) on `threads` workers.
pub async fn run(
    shared: Arc<Shared>,
    order: Vec<String>,
    threads: usize,
    fail_fast: bool,
) -> RunOutcome {
    let manifest = shared.manifest.clone();
    let runnable: Vec<String> = order
        .into_iter()
        .filter(|id| {
            let node = &manifest.nodes[id];
            node.resource_type != ResourceType::Analysis && node.relation.kind != RelationKind::Cte
        })
        .collect();
    let set: HashSet<String> = runnable.iter().cloned().collect();
    let parents: HashMap<String, Vec<String>> = runnable
        .iter()
        .map(|id| {
            let mut parents = effective_parents(&manifest, id, &set);
            if manifest.nodes[id].resource_type != ResourceType::Test {
                parents.extend(gating_tests(&manifest, &parents, &set));
            }
            (id.clone(), parents)
        })
        .collect();
    let total = runnable.len();
    shared.log.start_progress(total);
    let mut waiting: Vec<String> = runnable;
    let mut finished: HashMap<String, Status> = HashMap::new();
    let mut outcome = RunOutcome {
        results: Vec::new(),
        compiled: Map::new(),
    };
    let mut running: JoinSet<(String, NodeRun)> = JoinSet::new();
    let mut started = 0usize;
    let mut free_threads: Vec<usize> = (0..threads.max(1)).rev().collect();
    let mut thread_of: HashMap<String, usize> = HashMap::new();
    let mut stop = false;
    loop {
        // Start whatever is ready, skipping nodes whose parents failed.
        let mut skipped_any = false;
        let mut index = 0;
        while index < waiting.len() {
            let id = waiting[index].clone();
            let node_parents = &parents[&id];
            if !node_parents.iter().all(|p| finished.contains_key(p)) {
                index += 1;
                continue;
            }
            let blocked = stop || node_parents.iter().any(|p| finished[p].blocks());
            if blocked {
                waiting.remove(index);
                started += 1;
                let node = &manifest.nodes[&id];
                shared.log.progress(
                    started,
                    total,
                    &format!("SKIP relation {}", describe(&node.relation)),
                    "SKIP",
                );
                finished.insert(id.clone(), Status::Skipped);
                outcome.results.push(skipped(&id));
                shared.log.advance(&node.name);
                skipped_any = true;
                continue;
            }
            let Some(thread) = free_threads.pop() else {
                break;
            };
            waiting.remove(index);
            started += 1;
            thread_of.insert(id.clone(), thread);
            let node = &manifest.nodes[&id];
            shared
                .log
                .progress(started, total, &start_text(node), "RUN");
            let task_shared = shared.clone();
            let position = started;
            running.spawn(async move {
                // A panic inside a node (a bug, or a library's) fails that node only.
                let run = AssertUnwindSafe(execute(&task_shared, &id))
                    .catch_unwind()
                    .await
                    .unwrap_or_else(|panic| NodeRun::failed(&panic_message(&panic)));
                (id, NodeRun { position, ..run })
            });
        }
        if running.is_empty() && skipped_any {
            // A skip may have made earlier waiting nodes ready (to skip): scan again.
            continue;
        }
        let Some(joined) = running.join_next().await else {
            // Nothing runs and nothing could start: what waits can never run.
            for id in waiting.drain(..) {
                shared
                    .log
                    .error(&format!("{id} waits for nodes that never ran; skipped"));
                outcome.results.push(skipped(&id));
            }
            break;
        };
        let (id, run) = match joined {
            Ok(pair) => pair,
            Err(e) => {
                shared.log.error(&format!("a worker stopped: {e}"));
                break;
            }
        };
        let thread = thread_of.remove(&id).unwrap_or(0);
        free_threads.push(thread);
        let node = &manifest.nodes[&id];
        report(&shared.log, node, &run, total);
        if run.status.blocks() && fail_fast {
            stop = true;
        }
        if let Some(sql) = &run.compiled {
            outcome
                .compiled
                .insert(id.clone(), Value::String(sql.clone()));
        }
        outcome.results.push(ResultEntry {
            unique_id: id.clone(),
            status: run.status.as_str(),
            message: run.error.clone().or(run.message.clone()),
            failures: run.failures,
            rows: run.rows,
            timing: run.timing.clone(),
            execution_time: run.seconds,
            thread,
            compiled_code: run.compiled.clone(),
            relation_name: (node.resource_type != ResourceType::Test)
                .then(|| node.relation.to_string()),
        });
        shared.log.advance(&node.name);
        finished.insert(id, run.status);
    }
    shared.log.finish_progress();
    outcome
}

/// Parents among the runnable nodes, looking through ephemeral models (which do not run).
fn effective_parents(manifest: &Manifest, id: &str, runnable: &HashSet<String>) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack: Vec<String> = manifest.nodes[id].depends_on.clone();
    let mut seen = HashSet::new();
    while let Some(parent) = stack.pop() {
        if !seen.insert(parent.clone()) {
            continue;
        }
        if runnable.contains(&parent) {
            out.push(parent);
        } else if let Some(node) = manifest.nodes.get(&parent)
            && node.relation.kind == RelationKind::Cte
        {
            stack.extend(node.depends_on.iter().cloned());
        }
    }
    out
}

/// The tests a node waits for (as `dbt build` does): those in the run that test one of its
/// parents alone, so that a failing test skips what is built from the tested node.
fn gating_tests(
    manifest: &Manifest,
    parents: &[String],
    runnable: &HashSet<String>,
) -> Vec<String> {
    manifest
        .nodes
        .values()
        .filter(|t| t.resource_type == ResourceType::Test && runnable.contains(&t.unique_id))
        .filter(|t| matches!(t.depends_on.as_slice(), [only] if parents.contains(only)))
        .map(|t| t.unique_id.clone())
        .collect()
}

fn skipped(id: &str) -> ResultEntry {
    ResultEntry {
        unique_id: id.to_string(),
        status: Status::Skipped.as_str(),
        message: None,
        failures: None,
        rows: None,
        timing: Vec::new(),
        execution_time: 0.0,
        thread: 0,
        compiled_code: None,
        relation_name: None,
    }
}

/// What one node's execution gave.
#[derive(Clone, Debug)]
struct NodeRun {
    position: usize,
    status: Status,
    message: Option<String>,
    error: Option<String>,
    failures: Option<u64>,
    rows: Option<u64>,
    compiled: Option<String>,
    seconds: f64,
    timing: Vec<(&'static str, chrono::DateTime<Utc>, chrono::DateTime<Utc>)>,
}

impl NodeRun {
    /// A run that failed with `error` before it could report anything else.
    fn failed(error: &str) -> Self {
        Self {
            position: 0,
            status: Status::Error,
            message: None,
            error: Some(error.to_string()),
            failures: None,
            rows: None,
            compiled: None,
            seconds: 0.0,
            timing: Vec::new(),
        }
    }
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    let text = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("unknown cause");
    format!("internal error (a bug: please report it): {text}")
}

async fn execute(shared: &Arc<Shared>, id: &str) -> NodeRun {
    let node = &shared.manifest.nodes[id];
    let begin = Utc::now();
    let lineage_run = shared
        .lineage
        .as_ref()
        .map(|lineage| lineage.node_start(&shared.executor, node));
    let mut run = NodeRun::failed("");
    run.error = None;
    let result = execute_steps(shared, node, &mut run).await;
    if let Err(error) = result {
        run.status = Status::Error;
        let compiled_at = run
            .compiled
            .as_ref()
            .map(|_| {
                format!(
                    "\n  compiled code at {}",
                    shared
                        .target_dir
                        .join("compiled")
                        .join(artifacts::compiled_path(node))
                        .display()
                )
            })
            .unwrap_or_default();
        run.error = Some(format!("{error}{compiled_at}"));
    }
    if let (Some(lineage), Some(lineage_run)) = (&shared.lineage, lineage_run) {
        let error =
            match run.status {
                Status::Fail => Some(run.message.clone().unwrap_or_else(|| {
                    format!("{} failing rows", run.failures.unwrap_or_default())
                })),
                _ => run.error.clone(),
            };
        let outcome = NodeOutcome {
            sql: run.compiled.as_deref(),
            rows: run.rows,
            error,
            passed: matches!(run.status, Status::Pass | Status::Warn),
        };
        lineage
            .node_end(lineage_run, &shared.executor, node, outcome)
            .await;
    }
    run.seconds = (Utc::now() - begin).num_microseconds().unwrap_or(0) as f64 / 1e6;
    run
}

async fn execute_steps(shared: &Arc<Shared>, node: &Node, run: &mut NodeRun) -> Result<()> {
    let compile_start = Utc::now();
    let incremental = shared.incremental(node).await?;
    let sql = if node.resource_type == ResourceType::Seed {
        String::new()
    } else {
        let sql = shared.compile(&node.unique_id, incremental).await?;
        shared.write_sql("compiled", node, &sql)?;
        run.compiled = Some(sql.clone());
        sql
    };
    let execute_start = Utc::now();
    run.timing.push(("compile", compile_start, execute_start));
    shared
        .run_hooks(node.config.pre_hooks(), Some(node))
        .await?;
    let executor = &shared.executor;
    match node.resource_type {
        ResourceType::Test => {
            let judged = data_test::run(executor, node, &sql).await?;
            run.failures = Some(judged.failures);
            run.message = judged.message;
            run.status = match judged.verdict {
                Verdict::Pass => Status::Pass,
                Verdict::Warn => Status::Warn,
                Verdict::Fail => Status::Fail,
            };
        }
        ResourceType::Seed => finish(run, crate::seed::load(executor, node).await?),
        ResourceType::Snapshot => finish(run, crate::snapshot::build(executor, node, &sql).await?),
        ResourceType::Model => {
            let built = match node.config.materialized() {
                "table" => materialize::table(executor, node, &sql).await?,
                "view" => materialize::view(executor, node, &sql).await?,
                "incremental" => {
                    materialize::incremental(executor, node, &sql, incremental).await?
                }
                other => {
                    return Err(TransformError::Config(format!(
                        "{}: materialization `{other}` is not supported; use table, view, incremental or ephemeral",
                        node.original_file_path
                    )));
                }
            };
            shared.write_sql("run", node, &sql)?;
            finish(run, built);
        }
        ResourceType::Analysis => run.status = Status::Success,
    }
    shared
        .run_hooks(node.config.post_hooks(), Some(node))
        .await?;
    run.timing.push(("execute", execute_start, Utc::now()));
    Ok(())
}

fn finish(run: &mut NodeRun, built: Built) {
    run.status = Status::Success;
    run.message = Some(built.message);
    run.rows = built.rows;
}

fn kind_text(node: &Node) -> String {
    match node.resource_type {
        ResourceType::Model => format!(
            "sql {} model {}",
            node.config.materialized(),
            describe(&node.relation)
        ),
        ResourceType::Seed => format!("seed file {}", describe(&node.relation)),
        ResourceType::Snapshot => format!("snapshot {}", describe(&node.relation)),
        ResourceType::Test => format!("test {}", node.name),
        ResourceType::Analysis => format!("analysis {}", node.name),
    }
}

fn start_text(node: &Node) -> String {
    format!("START {}", kind_text(node))
}

fn report(log: &Log, node: &Node, run: &NodeRun, total: usize) {
    let took = format!("in {:.2}s", run.seconds);
    let index = run.position;
    match (node.resource_type, run.status) {
        (ResourceType::Test, Status::Pass) => log.progress(
            index,
            total,
            &format!("PASS {}", node.name),
            &format!("PASS {took}"),
        ),
        (ResourceType::Test, Status::Warn) => log.progress(
            index,
            total,
            &format!("WARN {} {}", run.failures.unwrap_or(0), node.name),
            &format!("WARN {} {took}", run.failures.unwrap_or(0)),
        ),
        (ResourceType::Test, Status::Fail) => log.progress_error(
            index,
            total,
            &format!("FAIL {} {}", run.failures.unwrap_or(0), node.name),
            &format!("FAIL {} {took}", run.failures.unwrap_or(0)),
        ),
        (_, Status::Error) => log.progress_error(
            index,
            total,
            &format!("ERROR creating {}", kind_text(node)),
            &format!("ERROR {took}"),
        ),
        (ResourceType::Seed, _) => log.progress(
            index,
            total,
            &format!("OK loaded {}", kind_text(node)),
            &format!("{} {took}", run.message.as_deref().unwrap_or("OK")),
        ),
        (ResourceType::Snapshot, _) => log.progress(
            index,
            total,
            &format!("OK snapshotted {}", describe(&node.relation)),
            &format!("{} {took}", run.message.as_deref().unwrap_or("OK")),
        ),
        _ => log.progress(
            index,
            total,
            &format!("OK created {}", kind_text(node)),
            &format!("{} {took}", run.message.as_deref().unwrap_or("OK")),
        ),
    }
}
