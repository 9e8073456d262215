//! The render scope: what `ref`, `config`, `this`, `run_query` and friends see while one node
//! renders. Renders of different nodes run on different threads; each thread has a stack of
//! scopes (a render may start another, e.g. a schema-name macro while a model is parsed).

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use minijinja::Value;
use serde_json::Map;

use super::relation::Relation;

/// Which phase renders: parsing records calls and runs nothing; executing resolves and runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// dbt's parse: `execute` is false, `ref` records dependencies.
    Parse,
    /// dbt's compile/run: `execute` is true.
    Execute,
}

/// A `ref()` call: optional package, model name.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RefCall {
    /// The package of a two-argument ref.
    pub package: Option<String>,
    /// The model, seed or snapshot name.
    pub name: String,
}

/// What a parse render recorded.
#[derive(Clone, Debug, Default)]
pub struct Captured {
    /// `ref()` calls, in order.
    pub refs: Vec<RefCall>,
    /// `source()` calls, in order.
    pub sources: Vec<(String, String)>,
    /// `config()` calls, merged in order.
    pub config: Map<String, serde_json::Value>,
}

/// A table of results from `run_query` / `statement`.
#[derive(Clone, Debug, Default)]
pub struct QueryResult {
    /// Column names.
    pub columns: Vec<String>,
    /// Column types as SQL type names.
    pub types: Vec<String>,
    /// Rows of JSON values.
    pub rows: Vec<Vec<serde_json::Value>>,
}

/// What the renderer needs from the project and the lake.
pub trait Resolve: Send + Sync {
    /// The relation a `ref` made from a node of `package` names (that package's model first,
    /// as dbt resolves it).
    fn resolve_ref(&self, call: &RefCall, package: &str) -> Result<Relation, String>;
    /// The relation a `source` names.
    fn resolve_source(&self, source: &str, table: &str) -> Result<Relation, String>;
    /// Runs SQL and returns its rows.
    fn query(&self, sql: &str) -> Result<QueryResult, String>;
    /// A relation if it exists in the lake (table or view).
    fn existing(&self, database: &str, schema: &str, identifier: &str) -> Option<Relation>;
    /// Columns of a relation: (name, SQL type).
    fn columns(&self, relation: &Relation) -> Result<Vec<(String, String)>, String>;
}

/// The node being rendered.
#[derive(Clone, Debug)]
pub struct ScopeNode {
    /// unique_id.
    pub unique_id: String,
    /// Its name.
    pub name: String,
    /// Its package.
    pub package: String,
    /// `this`.
    pub this: Relation,
    /// Its resolved config (for `config.get`).
    pub config: Map<String, serde_json::Value>,
    /// Whether `is_incremental()` is true for this run.
    pub incremental: bool,
    /// The node as a value (`model` in Jinja).
    pub model: Value,
}

/// One render's scope.
pub struct Scope {
    /// Parse or execute.
    pub phase: Phase,
    /// The node, when rendering one.
    pub node: Option<ScopeNode>,
    /// What parse recorded.
    pub captured: Captured,
    /// Resolution of refs, sources and queries (execute phase).
    pub resolver: Option<Arc<dyn Resolve>>,
    /// The value passed to `return()`.
    pub returned: Option<Value>,
    /// `statement` results by name, for `load_result`.
    pub results: HashMap<String, Value>,
}

impl Scope {
    /// A scope for a phase with no node.
    pub fn new(phase: Phase, resolver: Option<Arc<dyn Resolve>>) -> Self {
        Self {
            phase,
            node: None,
            captured: Captured::default(),
            resolver,
            returned: None,
            results: HashMap::new(),
        }
    }
}

thread_local! {
    static STACK: RefCell<Vec<Scope>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` with `scope` installed, and returns its result and the scope as `f` left it.
pub fn with_scope<R>(scope: Scope, f: impl FnOnce() -> R) -> (R, Scope) {
    STACK.with(|stack| stack.borrow_mut().push(scope));
    let result = f();
    let scope = STACK.with(|stack| {
        stack
            .borrow_mut()
            .pop()
            .expect("the scope pushed above is still there")
    });
    (result, scope)
}

/// Calls `f` with the innermost scope, or returns `None` outside any render. `f` must not
/// render (it holds the scope borrowed).
pub fn current<R>(f: impl FnOnce(&mut Scope) -> R) -> Option<R> {
    STACK.with(|stack| stack.borrow_mut().last_mut().map(f))
}

/// The phase of the innermost scope (parse outside any).
pub fn phase() -> Phase {
    current(|s| s.phase).unwrap_or(Phase::Parse)
}
