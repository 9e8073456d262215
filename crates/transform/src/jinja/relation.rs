//! Relations as Jinja sees them (`{{ this }}`, `ref()`, `api.Relation.create`): database
//! (lakeforge project), schema (zone) and identifier (table or view).

use std::fmt;
use std::sync::Arc;

use minijinja::value::{Enumerator, Kwargs, Object, ObjectRepr};
use minijinja::{Error, ErrorKind, State, Value};
use serde::Serialize;

/// What kind of relation it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    /// A Delta table.
    Table,
    /// A persisted view.
    View,
    /// An ephemeral model, inlined as a CTE.
    Cte,
}

/// A relation `database.schema.identifier`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Relation {
    /// The lakeforge project id.
    pub database: String,
    /// The zone.
    pub schema: String,
    /// The table or view name.
    pub identifier: String,
    /// Table, view or CTE.
    pub kind: RelationKind,
    /// Which parts render (`include(database=false)`).
    pub include: [bool; 3],
}

impl Relation {
    /// A table relation.
    pub fn table(database: &str, schema: &str, identifier: &str) -> Self {
        Self {
            database: database.to_string(),
            schema: schema.to_string(),
            identifier: identifier.to_string(),
            kind: RelationKind::Table,
            include: [true; 3],
        }
    }

    /// The same relation with another kind.
    pub fn with_kind(mut self, kind: RelationKind) -> Self {
        self.kind = kind;
        self
    }

    /// The name of the CTE an ephemeral model becomes.
    pub fn cte_name(identifier: &str) -> String {
        format!("__dbt__cte__{identifier}")
    }
}

impl fmt::Display for Relation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.kind == RelationKind::Cte {
            return write!(f, "{}", Self::cte_name(&self.identifier));
        }
        let parts = [&self.database, &self.schema, &self.identifier];
        let rendered: Vec<String> = parts
            .iter()
            .zip(self.include)
            .filter(|(part, include)| *include && !part.is_empty())
            .map(|(part, _)| quote(part))
            .collect();
        write!(f, "{}", rendered.join("."))
    }
}

/// A quoted SQL identifier.
pub fn quote(identifier: &str) -> String {
    format!("\"{}\"", identifier.replace('"', "\"\""))
}

impl Object for Relation {
    /// A mapping, as dbt's relations are (packages check `obj is mapping` and
    /// `obj.metadata.type` before accepting one).
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Map
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let value = match key.as_str()? {
            "database" => Value::from(self.database.clone()),
            "schema" => Value::from(self.schema.clone()),
            "identifier" | "name" | "table" => Value::from(self.identifier.clone()),
            "is_table" => Value::from(self.kind == RelationKind::Table),
            "is_view" => Value::from(self.kind == RelationKind::View),
            "is_cte" => Value::from(self.kind == RelationKind::Cte),
            "type" => Value::from(match self.kind {
                RelationKind::Table => "table",
                RelationKind::View => "view",
                RelationKind::Cte => "cte",
            }),
            "metadata" => minijinja::context! { type => "LakeforgeRelation" },
            "path" => minijinja::context! {
                database => self.database.clone(),
                schema => self.schema.clone(),
                identifier => self.identifier.clone(),
            },
            _ => return None,
        };
        Some(value)
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Str(&[
            "database",
            "schema",
            "identifier",
            "type",
            "metadata",
            "path",
        ])
    }

    fn call_method(
        self: &Arc<Self>,
        _state: &mut State<'_, '_>,
        method: &str,
        args: &[Value],
    ) -> Result<Value, Error> {
        match method {
            "render" => Ok(Value::from(self.to_string())),
            "get" => {
                let key = args.first().cloned().unwrap_or_default();
                Ok(self
                    .get_value(&key)
                    .unwrap_or_else(|| args.get(1).cloned().unwrap_or_default()))
            }
            "include" | "incorporate" | "quote" => {
                let kwargs = args
                    .last()
                    .filter(|v| v.is_kwargs())
                    .map(|v| Kwargs::try_from(v.clone()))
                    .transpose()?;
                let mut relation = (**self).clone();
                if let Some(kwargs) = kwargs {
                    if method == "include" {
                        for (index, key) in ["database", "schema", "identifier"].iter().enumerate()
                        {
                            if let Ok(Some(flag)) = kwargs.get::<Option<bool>>(key) {
                                relation.include[index] = flag;
                            }
                        }
                    }
                    if method == "incorporate" {
                        if let Ok(Some(path)) = kwargs.get::<Option<Value>>("path") {
                            for (key, slot) in [
                                ("database", &mut relation.database),
                                ("schema", &mut relation.schema),
                                ("identifier", &mut relation.identifier),
                            ] {
                                if let Ok(v) = path.get_attr(key)
                                    && let Some(s) = v.as_str()
                                {
                                    *slot = s.to_string();
                                }
                            }
                        }
                        if let Ok(Some(kind)) = kwargs.get::<Option<String>>("type") {
                            relation.kind = if kind == "view" {
                                RelationKind::View
                            } else {
                                RelationKind::Table
                            };
                        }
                    }
                }
                Ok(Value::from_object(relation))
            }
            _ => Err(Error::new(
                ErrorKind::UnknownMethod,
                format!("relation has no method `{method}`"),
            )),
        }
    }

    fn render(self: &Arc<Self>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self}")
    }
}
