//! The dbt Jinja context: `ref`, `source`, `config`, `var`, `is_incremental`, `return`,
//! `run_query`, `statement`, `adapter`, `api`, `exceptions`, `modules` and friends.

use std::sync::Arc;

use minijinja::value::{Kwargs, Object, ObjectRepr, Rest};
use minijinja::{Error, ErrorKind, State, Value};
use serde_json::Map;

use super::macros::{MacroCallable, MacroRegistry, RETURN_MARKER};
use super::relation::{Relation, RelationKind};
use super::scope::{self, Phase, QueryResult, RefCall};
use super::table::{QueryTable, statement_result};

pub(crate) fn error(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::InvalidOperation, message.into())
}

/// `ref('model')`, `ref('package', 'model')`, `ref('model', v=2)`.
pub fn ref_(args: Rest<Value>) -> Result<Value, Error> {
    let names: Vec<String> = args
        .iter()
        .filter(|a| !a.is_kwargs())
        .filter_map(|a| a.as_str().map(str::to_string))
        .collect();
    let call = match names.as_slice() {
        [name] => RefCall {
            package: None,
            name: name.clone(),
        },
        [package, name] => RefCall {
            package: Some(package.clone()),
            name: name.clone(),
        },
        _ => {
            return Err(error(
                "ref() takes a model name, or a package and a model name",
            ));
        }
    };
    let resolved = scope::current(|s| {
        if s.phase == Phase::Parse {
            s.captured.refs.push(call.clone());
        }
        let package = s
            .node
            .as_ref()
            .map(|n| n.package.clone())
            .unwrap_or_default();
        s.resolver.clone().map(|r| (r, package))
    })
    .flatten();
    match resolved {
        Some((resolver, package)) => resolver
            .resolve_ref(&call, &package)
            .map(Value::from_object)
            .map_err(error),
        None => Ok(Value::from_object(Relation::table("", "", &call.name))),
    }
}

/// `source('source_name', 'table_name')`.
pub fn source(source_name: String, table: String) -> Result<Value, Error> {
    let resolver = scope::current(|s| {
        if s.phase == Phase::Parse {
            s.captured
                .sources
                .push((source_name.clone(), table.clone()));
        }
        s.resolver.clone()
    })
    .flatten();
    match resolver {
        Some(resolver) => resolver
            .resolve_source(&source_name, &table)
            .map(Value::from_object)
            .map_err(error),
        None => Ok(Value::from_object(Relation::table(
            "",
            &source_name,
            &table,
        ))),
    }
}

/// `config`: callable (`config(materialized='table')`) with `get` and `require`.
#[derive(Debug)]
pub struct ConfigObject;

impl ConfigObject {
    fn lookup(key: &str) -> Option<serde_json::Value> {
        scope::current(|s| {
            s.captured
                .config
                .get(key)
                .cloned()
                .or_else(|| s.node.as_ref().and_then(|n| n.config.get(key).cloned()))
        })
        .flatten()
        .filter(|v| !v.is_null())
    }
}

impl Object for ConfigObject {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Plain
    }

    fn call(self: &Arc<Self>, _state: &mut State<'_, '_>, args: &[Value]) -> Result<Value, Error> {
        let mut recorded = Map::new();
        for arg in args {
            if arg.is_kwargs()
                || arg.as_object().is_some()
                || arg.kind() == minijinja::value::ValueKind::Map
            {
                let json: serde_json::Value =
                    serde_json::to_value(arg).map_err(|e| error(e.to_string()))?;
                if let serde_json::Value::Object(map) = json {
                    recorded.extend(map);
                }
            }
        }
        scope::current(|s| crate::config::merge_into(&mut s.captured.config, &recorded));
        Ok(Value::from(""))
    }

    fn call_method(
        self: &Arc<Self>,
        _state: &mut State<'_, '_>,
        method: &str,
        args: &[Value],
    ) -> Result<Value, Error> {
        let key = args
            .first()
            .and_then(Value::as_str)
            .ok_or_else(|| error(format!("config.{method}() takes a key")))?;
        let found = Self::lookup(key);
        match method {
            "get" => Ok(match found {
                Some(v) => crate::jinja::to_value(&v),
                None => args
                    .get(1)
                    .filter(|a| !a.is_kwargs())
                    .cloned()
                    .unwrap_or_else(|| {
                        args.last()
                            .filter(|a| a.is_kwargs())
                            .and_then(|k| k.get_attr("default").ok())
                            .filter(|v| !v.is_undefined())
                            .unwrap_or(Value::from(()))
                    }),
            }),
            "require" => match found {
                Some(v) => Ok(crate::jinja::to_value(&v)),
                None if scope::phase() == Phase::Parse => Ok(Value::from(())),
                None => Err(error(format!(
                    "config `{key}` is required here; set it in config()"
                ))),
            },
            _ => Err(Error::new(
                ErrorKind::UnknownMethod,
                format!("config has no method `{method}`"),
            )),
        }
    }
}

/// `var(name, default)`: the invocation's `--vars`, then the project's `vars:`. An explicit
/// default (`none` included) is returned when the var is not set.
pub fn var_function(
    vars: Arc<Map<String, serde_json::Value>>,
) -> impl Fn(String, Rest<Value>) -> Result<Value, Error> {
    move |name: String, default: Rest<Value>| {
        match vars.get(&name) {
        Some(v) => Ok(crate::jinja::to_value(v)),
        None => default.first().cloned().ok_or_else(|| {
            error(format!(
                "required var `{name}` not found; pass it with --vars '{{{name}: …}}' or set it under `vars:` in dbt_project.yml"
            ))
        }),
    }
    }
}

/// `env_var(name, default)`; an explicit default (`none` included) is returned when the
/// variable is not set.
pub fn env_var(name: String, default: Rest<Value>) -> Result<Value, Error> {
    match std::env::var(&name) {
        Ok(v) => Ok(Value::from(v)),
        Err(_) => default.first().cloned().ok_or_else(|| {
            error(format!(
                "env var `{name}` is not set and no default was given; export it or write env_var('{name}', 'default')"
            ))
        }),
    }
}

/// `is_incremental()`: true when an incremental model's table exists and no full refresh runs.
pub fn is_incremental() -> bool {
    scope::current(|s| s.node.as_ref().is_some_and(|n| n.incremental)).unwrap_or(false)
}

/// `return(value)`: unwinds the current macro with a value (see [`super::macros::call_macro`]).
pub fn return_(value: Option<Value>) -> Result<Value, Error> {
    scope::current(|s| s.returned = Some(value.unwrap_or_default()));
    Err(error(RETURN_MARKER))
}

/// `log(msg, info=False)`.
pub fn log(message: Value, kwargs: Kwargs) -> Result<Value, Error> {
    let info: bool = kwargs.get::<Option<bool>>("info")?.unwrap_or(false);
    if info {
        tracing::info!(target: "dbt", "{message}");
        eprintln!("{} {message}", chrono::Local::now().format("%H:%M:%S"));
    } else {
        tracing::debug!(target: "dbt", "{message}");
    }
    Ok(Value::from(""))
}

/// `print(msg)`.
pub fn print(message: Value) -> Value {
    println!("{message}");
    Value::from("")
}

/// `run_query(sql)`: runs SQL in the execute phase; `none` while parsing.
pub fn run_query(sql: Value) -> Result<Value, Error> {
    match run(&sql.to_string())? {
        Some(result) => Ok(Value::from_object(QueryTable(result))),
        None => Ok(Value::from(())),
    }
}

fn run(sql: &str) -> Result<Option<QueryResult>, Error> {
    let resolver = scope::current(|s| {
        (s.phase == Phase::Execute)
            .then(|| s.resolver.clone())
            .flatten()
    })
    .flatten();
    match resolver {
        Some(resolver) => resolver.query(sql).map(Some).map_err(error),
        None => Ok(None),
    }
}

/// `{% call statement('name', fetch_result=True) %}SQL{% endcall %}`.
pub fn statement(state: &mut State, name: Option<String>, kwargs: Kwargs) -> Result<Value, Error> {
    let caller: Value = kwargs.get("caller")?;
    let fetch: bool = kwargs.get::<Option<bool>>("fetch_result")?.unwrap_or(false);
    let _: Option<Value> = kwargs.get("auto_begin")?;
    let _: Option<Value> = kwargs.get("language")?;
    let sql = caller.call(state, &[])?.to_string();
    let result = run(&sql)?;
    if let (Some(result), Some(name)) = (result, name) {
        let value = if fetch {
            statement_result(result)
        } else {
            statement_result(QueryResult::default())
        };
        scope::current(|s| s.results.insert(name, value));
    }
    Ok(Value::from(""))
}

/// `load_result(name)`.
pub fn load_result(name: String) -> Value {
    scope::current(|s| s.results.get(&name).cloned())
        .flatten()
        .unwrap_or_default()
}

/// `exceptions`: `raise_compiler_error`, `warn`, `raise_not_implemented`.
#[derive(Debug)]
pub struct Exceptions;

impl Object for Exceptions {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Plain
    }

    fn call_method(
        self: &Arc<Self>,
        _state: &mut State<'_, '_>,
        method: &str,
        args: &[Value],
    ) -> Result<Value, Error> {
        let message = args.first().map(|m| m.to_string()).unwrap_or_default();
        match method {
            "warn" => {
                eprintln!(
                    "{} [WARNING]: {message}",
                    chrono::Local::now().format("%H:%M:%S")
                );
                Ok(Value::from(""))
            }
            _ => Err(error(format!("Compilation Error: {message}"))),
        }
    }
}

/// `adapter`: dispatch, relations and columns.
#[derive(Debug)]
pub struct Adapter {
    /// The macros, for `dispatch`.
    pub registry: Arc<MacroRegistry>,
}

impl Object for Adapter {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Plain
    }

    fn call_method(
        self: &Arc<Self>,
        _state: &mut State<'_, '_>,
        method: &str,
        args: &[Value],
    ) -> Result<Value, Error> {
        let positional: Vec<&Value> = args.iter().filter(|a| !a.is_kwargs()).collect();
        let kwargs = args.iter().find(|a| a.is_kwargs());
        let arg = |index: usize, key: &str| -> Option<Value> {
            positional.get(index).map(|v| (*v).clone()).or_else(|| {
                kwargs
                    .and_then(|k| k.get_attr(key).ok())
                    .filter(|v| !v.is_undefined() && !v.is_none())
            })
        };
        match method {
            "dispatch" => {
                let name = arg(0, "macro_name")
                    .and_then(|v| v.as_str().map(str::to_string))
                    .ok_or_else(|| error("adapter.dispatch() takes a macro name"))?;
                let namespace =
                    arg(1, "macro_namespace").and_then(|v| v.as_str().map(str::to_string));
                let def = self.registry.dispatch(&name, namespace.as_deref()).ok_or_else(|| {
                    error(format!("adapter.dispatch: no `default__{name}` (nor `lakeforge__{name}`) in {}", namespace.as_deref().unwrap_or("the project")))
                })?;
                Ok(MacroCallable::value(&self.registry, def))
            }
            "get_relation" => {
                let part =
                    |i: usize, key: &str| arg(i, key).map(|v| v.to_string()).unwrap_or_default();
                let (database, schema, identifier) = (
                    part(0, "database"),
                    part(1, "schema"),
                    part(2, "identifier"),
                );
                Ok(resolver()
                    .and_then(|r| r.existing(&database, &schema, &identifier))
                    .map(Value::from_object)
                    .unwrap_or(Value::from(())))
            }
            "get_columns_in_relation" => {
                let relation = arg(0, "relation")
                    .ok_or_else(|| error("get_columns_in_relation() takes a relation"))?;
                let relation = relation
                    .downcast_object::<Relation>()
                    .ok_or_else(|| error("get_columns_in_relation() takes a relation"))?;
                let Some(resolver) = resolver() else {
                    return Ok(Value::from(Vec::<Value>::new()));
                };
                let columns = resolver.columns(&relation).map_err(error)?;
                Ok(Value::from(
                    columns
                        .into_iter()
                        .map(|(name, data_type)| Value::from_object(Column { name, data_type }))
                        .collect::<Vec<_>>(),
                ))
            }
            "quote" => Ok(Value::from(super::relation::quote(
                &arg(0, "identifier")
                    .map(|v| v.to_string())
                    .unwrap_or_default(),
            ))),
            "type" => Ok(Value::from(crate::profile::ADAPTER_TYPE)),
            _ => Err(Error::new(
                ErrorKind::UnknownMethod,
                format!("adapter has no method `{method}` in lakeforge"),
            )),
        }
    }
}

fn resolver() -> Option<Arc<dyn scope::Resolve>> {
    scope::current(|s| {
        (s.phase == Phase::Execute)
            .then(|| s.resolver.clone())
            .flatten()
    })
    .flatten()
}

/// A column as `adapter.get_columns_in_relation` returns it.
#[derive(Debug)]
pub struct Column {
    /// Its name.
    pub name: String,
    /// Its SQL type.
    pub data_type: String,
}

impl Column {
    fn type_is(&self, names: &[&str]) -> bool {
        let data_type = self.data_type.to_lowercase();
        names.iter().any(|n| data_type.starts_with(n))
    }
}

impl Object for Column {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Plain
    }

    fn call_method(
        self: &Arc<Self>,
        _state: &mut State<'_, '_>,
        method: &str,
        _args: &[Value],
    ) -> Result<Value, Error> {
        let answer = match method {
            "is_string" => self.type_is(&["text", "varchar", "char", "string"]),
            "is_integer" => self.type_is(&["smallint", "integer", "bigint", "int"]),
            "is_float" => self.type_is(&["real", "double", "float"]),
            "is_numeric" => self.type_is(&["numeric", "decimal"]),
            "is_number" => self.type_is(&[
                "smallint", "integer", "bigint", "int", "real", "double", "float", "numeric",
                "decimal",
            ]),
            "string_size" => return Ok(Value::from(256)),
            _ => {
                return Err(Error::new(
                    ErrorKind::UnknownMethod,
                    format!("column has no method `{method}` in lakeforge"),
                ));
            }
        };
        Ok(Value::from(answer))
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        match key.as_str()? {
            "name" | "column" => Some(Value::from(self.name.clone())),
            "quoted" => Some(Value::from(super::relation::quote(&self.name))),
            "data_type" | "dtype" => Some(Value::from(self.data_type.clone())),
            _ => None,
        }
    }
}

/// `load_relation(relation)`: the relation if it exists in the lake, else none.
pub fn load_relation(relation: Value) -> Value {
    let Some(relation) = relation.downcast_object::<Relation>() else {
        return Value::from(());
    };
    resolver()
        .and_then(|r| r.existing(&relation.database, &relation.schema, &relation.identifier))
        .map(Value::from_object)
        .unwrap_or(Value::from(()))
}

/// `api.Relation.create(database=, schema=, identifier=, type=)`.
#[derive(Debug)]
pub struct Api;

impl Object for Api {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Plain
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        (key.as_str()? == "Relation").then(|| Value::from_object(RelationFactory))
    }
}

#[derive(Debug)]
struct RelationFactory;

impl Object for RelationFactory {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Plain
    }

    fn call_method(
        self: &Arc<Self>,
        _state: &mut State<'_, '_>,
        method: &str,
        args: &[Value],
    ) -> Result<Value, Error> {
        if method != "create" {
            return Err(Error::new(
                ErrorKind::UnknownMethod,
                format!("api.Relation has no method `{method}`"),
            ));
        }
        let kwargs = args.iter().find(|a| a.is_kwargs());
        let get = |key: &str| {
            kwargs
                .and_then(|k| k.get_attr(key).ok())
                .filter(|v| !v.is_undefined() && !v.is_none())
                .map(|v| v.to_string())
                .unwrap_or_default()
        };
        let kind = if get("type") == "view" {
            RelationKind::View
        } else {
            RelationKind::Table
        };
        Ok(Value::from_object(
            Relation::table(&get("database"), &get("schema"), &get("identifier")).with_kind(kind),
        ))
    }
}

/// `zip(a, b, …)`.
pub fn zip(lists: Rest<Value>) -> Result<Value, Error> {
    let lists: Vec<Vec<Value>> = lists
        .iter()
        .map(|l| l.try_iter().map(|i| i.collect()))
        .collect::<Result<_, _>>()?;
    let len = lists.iter().map(Vec::len).min().unwrap_or(0);
    Ok(Value::from(
        (0..len)
            .map(|i| Value::from(lists.iter().map(|l| l[i].clone()).collect::<Vec<_>>()))
            .collect::<Vec<_>>(),
    ))
}

/// `set(list)`: distinct values in first-seen order.
pub fn set(list: Value) -> Result<Value, Error> {
    Ok(Value::from(super::mutable::distinct(list.try_iter()?)))
}

/// `tojson(value)`.
pub fn tojson(value: Value) -> Result<Value, Error> {
    serde_json::to_string(&value)
        .map(Value::from)
        .map_err(|e| error(e.to_string()))
}

/// `fromjson(text)`.
pub fn fromjson(text: String) -> Result<Value, Error> {
    serde_json::from_str::<serde_json::Value>(&text)
        .map(|v| crate::jinja::to_value(&v))
        .map_err(|e| error(format!("fromjson: {e}")))
}

/// `fromyaml(text)`.
pub fn fromyaml(text: String) -> Result<Value, Error> {
    serde_norway::from_str::<serde_json::Value>(&text)
        .map(|v| crate::jinja::to_value(&v))
        .map_err(|e| error(format!("fromyaml: {e}")))
}

/// `toyaml(value)`.
pub fn toyaml(value: Value) -> Result<Value, Error> {
    serde_norway::to_string(&value)
        .map(Value::from)
        .map_err(|e| error(e.to_string()))
}
