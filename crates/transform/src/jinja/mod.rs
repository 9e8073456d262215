//! Jinja for dbt projects on minijinja: the environment with every macro and dbt's context,
//! and rendering of one node inside a [`scope::Scope`].

pub mod functions;
pub mod macros;
pub mod modules;
pub mod mutable;
pub mod relation;
pub mod scope;
pub mod table;

use std::sync::{Arc, OnceLock};

use minijinja::value::{Object, ObjectRepr};
use minijinja::{Environment, Error, UndefinedBehavior, Value};
use serde_json::Map;

use crate::error::{Result, TransformError};
use macros::{MacroCallable, MacroNamespace, MacroRegistry};
use scope::Scope;

/// A serializable value as a Jinja value.
pub fn to_value<T: serde::Serialize + ?Sized>(value: &T) -> Value {
    Value::from(minijinja::value::Serde(value))
}

/// What every render sees, whatever the node.
#[derive(Clone, Debug)]
pub struct Globals {
    /// The `target` map.
    pub target: Map<String, serde_json::Value>,
    /// Vars: `--vars` over the project's `vars:`.
    pub vars: Map<String, serde_json::Value>,
    /// When the invocation started.
    pub run_started_at: chrono::DateTime<chrono::Utc>,
    /// The invocation's id.
    pub invocation_id: String,
    /// `flags` (`FULL_REFRESH`, `WHICH`, …).
    pub flags: Map<String, serde_json::Value>,
    /// The root project's name.
    pub project_name: String,
}

/// The environment all renders of one invocation share.
pub struct Renderer {
    env: Environment<'static>,
    registry: Arc<MacroRegistry>,
    graph: Arc<GraphValue>,
}

/// `graph`: set once the project is parsed.
#[derive(Debug, Default)]
pub struct GraphValue(OnceLock<Value>);

impl Object for GraphValue {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Plain
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.0
            .get()
            .and_then(|g| g.get_item(key).ok())
            .filter(|v| !v.is_undefined())
    }
}

impl Renderer {
    /// Builds the environment: every macro template, the context functions and objects, and
    /// a global function per macro name (resolved as [`MacroRegistry::resolve`] says).
    pub fn new(
        registry: MacroRegistry,
        templates: Vec<(String, String)>,
        globals: Globals,
    ) -> Result<Self> {
        let registry = Arc::new(registry);
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Lenient);
        env.set_recursion_limit(1000);
        env.set_unknown_method_callback(minijinja_contrib::pycompat::unknown_method_callback);
        for (name, source) in templates {
            env.add_template_owned(name.clone(), mutable::rewrite(&source))
                .map_err(|e| jinja_error(&e, Some(&registry)))?;
        }
        for name in registry.names() {
            let registry_for_call = registry.clone();
            let macro_name = name.clone();
            env.add_function(
                name,
                move |state: &minijinja::State, args: minijinja::value::Rest<Value>| {
                    let def = registry_for_call
                        .resolve(&macro_name)
                        .expect("every registered name resolves");
                    macros::call_macro(state, def, &args)
                },
            );
        }
        for package in registry.packages() {
            env.add_global(
                package.clone(),
                Value::from_object(MacroNamespace {
                    registry: registry.clone(),
                    package,
                }),
            );
        }
        env.add_function("__lakeforge_list", mutable::MutableList::value);
        env.add_function("__lakeforge_dict", mutable::MutableDict::value);
        env.add_function("ref", functions::ref_);
        env.add_function("source", functions::source);
        env.add_global("config", Value::from_object(functions::ConfigObject));
        env.add_function(
            "var",
            functions::var_function(Arc::new(globals.vars.clone())),
        );
        env.add_function("env_var", functions::env_var);
        env.add_function("is_incremental", functions::is_incremental);
        env.add_function("return", functions::return_);
        env.add_function("log", functions::log);
        env.add_function("print", functions::print);
        env.add_function("run_query", functions::run_query);
        env.add_function("load_relation", functions::load_relation);
        env.add_function("statement", functions::statement);
        env.add_function("load_result", functions::load_result);
        env.add_function("zip", functions::zip);
        env.add_function("set", functions::set);
        env.add_function("tojson", functions::tojson);
        env.add_function("fromjson", functions::fromjson);
        env.add_function("fromyaml", functions::fromyaml);
        env.add_function("toyaml", functions::toyaml);
        env.add_filter("as_text", |v: Value| v.to_string());
        env.add_filter("as_bool", |v: Value| match v.as_str() {
            Some(s) => Value::from(matches!(
                s.trim().to_ascii_lowercase().as_str(),
                "true" | "1" | "yes"
            )),
            None => Value::from(v.is_true()),
        });
        env.add_filter("as_number", |v: Value| match v.as_str() {
            Some(s) => s
                .trim()
                .parse::<i64>()
                .map(Value::from)
                .or_else(|_| s.trim().parse::<f64>().map(Value::from))
                .unwrap_or(v.clone()),
            None => v,
        });
        env.add_filter("as_native", |v: Value| v);
        env.add_global("exceptions", Value::from_object(functions::Exceptions));
        env.add_global(
            "adapter",
            Value::from_object(functions::Adapter {
                registry: registry.clone(),
            }),
        );
        env.add_global("api", Value::from_object(functions::Api));
        env.add_global("modules", Value::from_object(modules::Modules));
        env.add_global("target", crate::jinja::to_value(&globals.target));
        env.add_global(
            "run_started_at",
            Value::from_object(modules::DateTimeValue(globals.run_started_at)),
        );
        env.add_global("invocation_id", Value::from(globals.invocation_id.clone()));
        env.add_global("flags", crate::jinja::to_value(&globals.flags));
        env.add_global("project_name", Value::from(globals.project_name.clone()));
        env.add_global("dbt_version", Value::from(crate::artifacts::DBT_VERSION));
        let graph = Arc::new(GraphValue::default());
        env.add_global("graph", Value::from_dyn_object(graph.clone()));
        Ok(Self {
            env,
            registry,
            graph,
        })
    }

    /// The macros.
    pub fn registry(&self) -> &Arc<MacroRegistry> {
        &self.registry
    }

    /// Sets `graph` (once, after parsing).
    pub fn set_graph(&self, graph: Value) {
        let _ = self.graph.0.set(graph);
    }

    /// Renders a node's source (named `name`, e.g. its file path) within `scope`.
    pub fn render(&self, name: &str, source: &str, scope: Scope) -> (Result<String>, Scope) {
        let context = context_of(&scope);
        let (result, scope) = scope::with_scope(scope, || {
            let outcome = self
                .env
                .render_named_str(name, &mutable::rewrite(source), context);
            match outcome {
                Ok(text) => Ok(text),
                Err(e) if e.to_string().contains(macros::RETURN_MARKER) => {
                    Ok(scope::current(|s| s.returned.take().map(|v| v.to_string()))
                        .flatten()
                        .unwrap_or_default())
                }
                Err(e) => Err(jinja_error(&e, Some(&self.registry))),
            }
        });
        (result, scope)
    }

    /// A test argument from YAML as dbt reads it: `ref('x')` / `source('a', 'b')` and a
    /// lone `{{ expression }}` are evaluated (a relation, a list, …); other text with Jinja in
    /// it is rendered; plain text stays text.
    pub fn argument(&self, text: &str, scope: Scope) -> (Result<Value>, Scope) {
        let trimmed = text.trim();
        let lone = trimmed
            .strip_prefix("{{")
            .and_then(|t| t.strip_suffix("}}"))
            .filter(|inner| !inner.contains("{{") && !inner.contains("}}"));
        if let Some(expression) = lone {
            return self.eval(expression.trim(), scope);
        }
        if trimmed.contains("{{") || trimmed.contains("{%") {
            let (rendered, scope) = self.render("<argument>", text, scope);
            return (rendered.map(Value::from), scope);
        }
        let call = (trimmed.starts_with("ref(") || trimmed.starts_with("source("))
            && trimmed.ends_with(')');
        if call {
            return self.eval(trimmed, scope);
        }
        (Ok(Value::from(text)), scope)
    }

    /// Evaluates a Jinja expression (`ref('customers')`) within `scope`.
    pub fn eval(&self, expression: &str, scope: Scope) -> (Result<Value>, Scope) {
        let context = context_of(&scope);
        scope::with_scope(scope, || {
            self.env
                .compile_expression(expression)
                .and_then(|e| e.eval(context))
                .map_err(|e| jinja_error(&e, Some(&self.registry)))
        })
    }

    /// Calls a macro of a package (or resolved as an unqualified call when `package` is
    /// `None`) within `scope`.
    pub fn call_in(
        &self,
        package: Option<&str>,
        name: &str,
        args: Vec<Value>,
        scope: Scope,
    ) -> (Result<Value>, Scope) {
        let def = match package {
            Some(package) => self.registry.get(package, name),
            None => self.registry.resolve(name),
        };
        let Some(def) = def else {
            let place = package
                .map(|p| format!(" in package `{p}`"))
                .unwrap_or_default();
            return (
                Err(TransformError::Compile(format!(
                    "macro `{name}` is not defined{place}"
                ))),
                scope,
            );
        };
        let callable = MacroCallable::value(&self.registry, def);
        scope::with_scope(scope, || {
            let mut state = self.env.empty_state();
            callable
                .call(&mut state, &args)
                .map_err(|e| jinja_error(&e, Some(&self.registry)))
        })
    }

    /// Calls a macro by name (resolved as an unqualified call) within `scope`.
    pub fn call(&self, name: &str, args: Vec<Value>, scope: Scope) -> (Result<Value>, Scope) {
        self.call_in(None, name, args, scope)
    }
}

/// The variables a node's template sees besides the globals: `execute`, `this`, `model`.
pub(crate) fn context_of(scope: &Scope) -> Value {
    let execute = scope.phase == scope::Phase::Execute;
    match &scope.node {
        Some(node) => minijinja::context! {
            execute => execute,
            this => Value::from_object(node.this.clone()),
            model => node.model.clone(),
        },
        None => minijinja::context! { execute => execute },
    }
}

/// A minijinja error as a [`TransformError::Jinja`] naming the file and line (the macro's
/// file for errors inside macros) and the error chain.
pub fn jinja_error(error: &Error, registry: Option<&MacroRegistry>) -> TransformError {
    let name = error.name().unwrap_or("<template>");
    let file = registry
        .and_then(|r| r.macros.iter().find(|m| m.template == name))
        .map(|m| format!("{} (macro {})", m.path, m.name))
        .unwrap_or_else(|| name.to_string());
    let location = match error.line() {
        Some(line) => format!("{file}:{line}"),
        None => file,
    };
    let mut reason = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(inner) = source {
        reason.push_str(&format!("\n  caused by: {inner}"));
        source = inner.source();
    }
    TransformError::Jinja { location, reason }
}
