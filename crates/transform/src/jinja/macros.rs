//! Macros: every `{% macro %}` of the root project, its packages and lakeforge's built-ins,
//! each kept as its own template so that every call between macros goes through
//! [`call_macro`] — which resolves names as dbt does and implements `return()`.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, LazyLock};

use minijinja::value::{Object, ObjectRepr};
use minijinja::{Error, ErrorKind, State, Value};
use regex::Regex;

use super::scope;

/// The package name of lakeforge's built-in macros (dbt's own are in `dbt`).
pub const BUILTIN_PACKAGE: &str = "dbt";

/// Marks the error `return()` raises to unwind a macro with a value.
pub(crate) const RETURN_MARKER: &str = "__lakeforge_macro_return__";

static DEFAULT_MACRO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\{%-?\s*macro\s+default__([A-Za-z_][A-Za-z0-9_]*)\s*\(([^)]*)\)")
        .expect("valid regex")
});

/// For each `default__x` macro of `text`, a macro `x` with the same parameters that calls
/// `adapter.dispatch('x', 'dbt')`, so projects and packages can override any of them.
pub fn dispatch_wrappers(text: &str) -> String {
    let mut out = String::new();
    for caps in DEFAULT_MACRO.captures_iter(text) {
        let (name, params) = (&caps[1], &caps[2]);
        let args: Vec<&str> = split_params(params)
            .into_iter()
            .map(|p| p.split('=').next().unwrap_or("").trim())
            .filter(|p| !p.is_empty())
            .collect();
        out.push_str(&format!(
            "{{% macro {name}({params}) %}}{{{{ return(adapter.dispatch('{name}', 'dbt')({})) }}}}{{% endmacro %}}\n",
            args.join(", ")
        ));
    }
    out
}

static IMPLICIT_KWARGS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bkwargs\b").expect("valid regex"));

/// The declared parameters of a macro (`rest` starts at its `(`) whose body reads the
/// implicit `kwargs`, or `None`.
fn implicit_kwargs(rest: &str) -> Option<Vec<String>> {
    let open = rest.find('(')?;
    let close = rest.find(')')?;
    let params = &rest[open + 1..close];
    let body = &rest[close..];
    if !IMPLICIT_KWARGS.is_match(body) || IMPLICIT_KWARGS.is_match(params) {
        return None;
    }
    Some(
        split_params(params)
            .into_iter()
            .map(|p| p.split('=').next().unwrap_or("").trim().to_string())
            .filter(|p| !p.is_empty())
            .collect(),
    )
}

/// Moves keyword arguments a macro does not declare into one `kwargs` dict argument.
fn gather_kwargs(params: &[String], args: &[Value]) -> Result<Vec<Value>, Error> {
    let Some(last) = args.last().filter(|a| a.is_kwargs()) else {
        return Ok(args.to_vec());
    };
    let given = minijinja::value::Kwargs::try_from(last.clone())?;
    let mut declared: Vec<(String, Value)> = Vec::new();
    let mut extra: Vec<(String, Value)> = Vec::new();
    for key in given.args() {
        let value: Value = given.peek(key)?;
        if params.iter().any(|p| p == key) || key == "caller" {
            declared.push((key.to_string(), value));
        } else {
            extra.push((key.to_string(), value));
        }
    }
    let dict = super::mutable::MutableDict::from_pairs(extra);
    declared.push(("kwargs".to_string(), dict));
    let mut out = args[..args.len() - 1].to_vec();
    out.push(Value::from(minijinja::value::Kwargs::from_iter(
        declared.iter().map(|(k, v)| (k.as_str(), v.clone())),
    )));
    Ok(out)
}

/// Splits a parameter list at commas outside quotes.
fn split_params(params: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut start, mut quote) = (0, None);
    for (i, c) in params.char_indices() {
        match (c, quote) {
            ('\'' | '"', None) => quote = Some(c),
            (c, Some(q)) if c == q => quote = None,
            (',', None) => {
                parts.push(&params[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&params[start..]);
    parts
}

/// One macro: where it is defined and the template that holds it alone.
#[derive(Clone, Debug)]
pub struct MacroDef {
    /// The package (project) that defines it.
    pub package: String,
    /// Its name (`test_<name>` for a generic test block).
    pub name: String,
    /// The template name it is loaded under.
    pub template: String,
    /// The file it came from, relative to its project (for messages and the manifest).
    pub path: String,
    /// Its source, as written.
    pub source: String,
    /// Its declared parameters, when its body reads Jinja's implicit `kwargs` (dbt macros
    /// may take keyword arguments they do not declare): the call passes the others in a
    /// `kwargs` dict. `None` for every other macro.
    pub implicit_kwargs: Option<Vec<String>>,
}

/// Every macro, by package and by name.
#[derive(Debug, Default)]
pub struct MacroRegistry {
    /// All macros.
    pub macros: Vec<MacroDef>,
    /// The root project's name: its macros win over everyone's.
    pub root: String,
    /// `dispatch:` search orders from the root project.
    pub dispatch: Vec<(String, Vec<String>)>,
    by_package: HashMap<String, HashMap<String, usize>>,
}

static MACRO_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\{%-?\s*(macro|test|materialization)\s+([A-Za-z_][A-Za-z0-9_]*)")
        .expect("valid regex")
});
static MACRO_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\{%-?\s*end(macro|test|materialization)\s*-?%\}").expect("valid regex")
});

impl MacroRegistry {
    /// An empty registry for a root project.
    pub fn new(root: &str, dispatch: Vec<(String, Vec<String>)>) -> Self {
        Self {
            root: root.to_string(),
            dispatch,
            ..Self::default()
        }
    }

    /// Splits a macro file into its macros and adds them. `{% test name(...) %}` blocks
    /// become macros `test_name`. Each macro's template keeps its line numbers (padded with
    /// the lines before it). Returns (template name, template source) pairs to load.
    pub fn add_file(&mut self, package: &str, path: &Path, text: &str) -> Vec<(String, String)> {
        let mut templates = Vec::new();
        let mut at = 0;
        while let Some(start) = MACRO_START.captures_at(text, at) {
            let whole = start.get(0).expect("group 0 always matches");
            let kind = &start[1];
            let name = &start[2];
            let Some(end) = MACRO_END.find_at(text, whole.end()) else {
                break;
            };
            at = end.end();
            if kind == "materialization" {
                continue;
            }
            let macro_name = if kind == "test" {
                format!("test_{name}")
            } else {
                name.to_string()
            };
            let line = text[..whole.start()].matches('\n').count();
            let mut body = "\n".repeat(line);
            body.push_str("{% macro ");
            body.push_str(&macro_name);
            let rest = &text[whole.end()..end.start()];
            let implicit_kwargs = implicit_kwargs(rest);
            match (&implicit_kwargs, rest.find(')')) {
                (Some(params), Some(close)) => {
                    // Declare `kwargs` so the body can read what the call adds.
                    let separator = if params.is_empty() { "" } else { ", " };
                    body.push_str(&rest[..close]);
                    body.push_str(&format!("{separator}kwargs=none"));
                    body.push_str(&rest[close..]);
                }
                _ => body.push_str(rest),
            }
            // The closing tag as written (its `-` trims the body's trailing whitespace).
            body.push_str(&text[end.start()..end.end()].replace(&format!("end{kind}"), "endmacro"));
            let template = format!("{package}://{}#{macro_name}", path.display());
            self.add(MacroDef {
                package: package.to_string(),
                name: macro_name,
                template: template.clone(),
                path: path.display().to_string(),
                source: text[whole.start()..end.end()].to_string(),
                implicit_kwargs,
            });
            templates.push((template, body));
        }
        templates
    }

    fn add(&mut self, def: MacroDef) {
        let index = self.macros.len();
        self.by_package
            .entry(def.package.clone())
            .or_default()
            .insert(def.name.clone(), index);
        self.macros.push(def);
    }

    /// A macro of a package.
    pub fn get(&self, package: &str, name: &str) -> Option<&MacroDef> {
        self.by_package
            .get(package)
            .and_then(|m| m.get(name))
            .map(|&i| &self.macros[i])
    }

    /// The macro an unqualified call means: the root project's, then dbt's built-ins, then
    /// any package's.
    pub fn resolve(&self, name: &str) -> Option<&MacroDef> {
        self.get(&self.root, name)
            .or_else(|| self.get(BUILTIN_PACKAGE, name))
            .or_else(|| self.macros.iter().find(|m| m.name == name))
    }

    /// Every distinct unqualified macro name.
    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.macros.iter().map(|m| m.name.clone()).collect();
        names.sort();
        names.dedup();
        names
    }

    /// Every package that has macros.
    pub fn packages(&self) -> Vec<String> {
        let mut names: Vec<String> = self.by_package.keys().cloned().collect();
        names.sort();
        names
    }

    /// `adapter.dispatch(name, namespace)`: the first of `lakeforge__name`, `postgres__name`
    /// and `default__name` found in the search order (the root project's `dispatch:` for the
    /// namespace, else root project, namespace, built-ins).
    pub fn dispatch(&self, name: &str, namespace: Option<&str>) -> Option<&MacroDef> {
        let mut order: Vec<String> = Vec::new();
        if let Some(ns) = namespace
            && let Some((_, search)) = self.dispatch.iter().find(|(n, _)| n == ns)
        {
            order.extend(search.iter().cloned());
        }
        order.push(self.root.clone());
        if let Some(ns) = namespace {
            order.push(ns.to_string());
        }
        order.push(BUILTIN_PACKAGE.to_string());
        for prefix in ["lakeforge__", "postgres__", "default__"] {
            let candidate = format!("{prefix}{name}");
            for package in &order {
                if let Some(found) = self.get(package, &candidate) {
                    return Some(found);
                }
            }
        }
        None
    }
}

/// Calls a macro by its definition: renders its template (which only defines it) and calls
/// it with `args` (keyword arguments included). A `return(value)` inside gives `value`;
/// otherwise the macro's output, marked safe.
pub fn call_macro(state: &State, def: &MacroDef, args: &[Value]) -> Result<Value, Error> {
    let template = state.env().get_template(&def.template)?;
    let context = scope::current(|s| super::context_of(s)).unwrap_or_default();
    let mut captured = template.render_captured(context)?;
    let gathered;
    let args = match &def.implicit_kwargs {
        Some(params) => {
            gathered = gather_kwargs(params, args)?;
            &gathered[..]
        }
        None => args,
    };
    let outcome = captured.with_state_mut(|inner| match inner.lookup(&def.name) {
        Some(callable) => callable.call(inner, args),
        None => Err(Error::new(
            ErrorKind::UnknownFunction,
            format!("macro `{}` is not defined in {}", def.name, def.path),
        )),
    });
    match outcome {
        Ok(value) => Ok(value),
        Err(error) if is_return(&error) => Ok(scope::current(|s| s.returned.take())
            .flatten()
            .unwrap_or_default()),
        Err(error) => Err(error),
    }
}

fn is_return(error: &Error) -> bool {
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(e) = current {
        if e.to_string().contains(RETURN_MARKER) {
            return true;
        }
        current = e.source();
    }
    false
}

/// A macro as a callable value (`dbt_utils.star`, what `adapter.dispatch` returns).
#[derive(Debug)]
pub struct MacroCallable {
    /// The registry it belongs to.
    pub registry: Arc<MacroRegistry>,
    /// Index of the macro in the registry.
    pub index: usize,
}

impl MacroCallable {
    /// A callable for a definition of the registry.
    pub fn value(registry: &Arc<MacroRegistry>, def: &MacroDef) -> Value {
        let index = registry
            .macros
            .iter()
            .position(|m| m.template == def.template)
            .expect("the definition comes from this registry");
        Value::from_object(Self {
            registry: registry.clone(),
            index,
        })
    }
}

impl Object for MacroCallable {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Plain
    }

    fn call(self: &Arc<Self>, state: &mut State<'_, '_>, args: &[Value]) -> Result<Value, Error> {
        call_macro(state, &self.registry.macros[self.index], args)
    }
}

/// A package's macros as attributes (`dbt_utils.star(...)`, `dbt.dateadd(...)`).
#[derive(Debug)]
pub struct MacroNamespace {
    /// The registry.
    pub registry: Arc<MacroRegistry>,
    /// The package.
    pub package: String,
}

impl Object for MacroNamespace {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Plain
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let name = key.as_str()?;
        let def = self.registry.get(&self.package, name).or_else(|| {
            (self.package == BUILTIN_PACKAGE)
                .then(|| self.registry.resolve(name))
                .flatten()
        })?;
        Some(MacroCallable::value(&self.registry, def))
    }
}
