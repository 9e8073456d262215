//! Query results as Jinja sees them: dbt's agate table (`run_query`, `load_result`).

use std::sync::Arc;

use minijinja::value::{Enumerator, Object, ObjectRepr};
use minijinja::{Error, ErrorKind, State, Value};

use super::scope::QueryResult;

/// An agate-like table: `rows`, `columns` (each with `name` and `values()`), `column_names`.
#[derive(Debug)]
pub struct QueryTable(pub QueryResult);

impl QueryTable {
    /// One row, readable by position and by column name.
    fn row(&self, row: &[serde_json::Value]) -> Value {
        Value::from_object(MappedSequence {
            keys: self.0.columns.clone(),
            values: row.iter().map(crate::jinja::to_value).collect(),
        })
    }

    fn rows(&self) -> Value {
        Value::from(
            self.0
                .rows
                .iter()
                .map(|row| self.row(row))
                .collect::<Vec<_>>(),
        )
    }

    fn columns(&self) -> Value {
        let columns: Vec<Value> = self
            .0
            .columns
            .iter()
            .enumerate()
            .map(|(index, name)| {
                Value::from_object(QueryColumn {
                    name: name.clone(),
                    data_type: self.0.types.get(index).cloned().unwrap_or_default(),
                    values: self
                        .0
                        .rows
                        .iter()
                        .map(|row| crate::jinja::to_value(&row.get(index)))
                        .collect(),
                })
            })
            .collect();
        Value::from_object(MappedSequence {
            keys: self.0.columns.clone(),
            values: columns,
        })
    }
}

/// agate's MappedSequence: a sequence whose items also have names (a row's cells, a table's
/// columns), with `keys()`, `values()`, `items()` and `get()`.
#[derive(Debug)]
struct MappedSequence {
    keys: Vec<String>,
    values: Vec<Value>,
}

impl Object for MappedSequence {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        if let Some(index) = key.as_i64() {
            return super::mutable::item_at(&self.values, index);
        }
        let name = key.as_str()?;
        let index = self.keys.iter().position(|k| k == name)?;
        self.values.get(index).cloned()
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Values(self.values.clone())
    }

    fn enumerator_len(self: &Arc<Self>) -> Option<usize> {
        Some(self.values.len())
    }

    fn call_method(
        self: &Arc<Self>,
        _state: &mut State<'_, '_>,
        method: &str,
        args: &[Value],
    ) -> Result<Value, Error> {
        match method {
            "keys" => Ok(crate::jinja::to_value(&self.keys)),
            "values" => Ok(Value::from(self.values.clone())),
            "items" => Ok(Value::from(
                self.keys
                    .iter()
                    .zip(&self.values)
                    .map(|(k, v)| Value::from(vec![Value::from(k.clone()), v.clone()]))
                    .collect::<Vec<_>>(),
            )),
            "get" => Ok(args
                .first()
                .and_then(|key| self.get_value(key))
                .unwrap_or_else(|| args.get(1).cloned().unwrap_or_default())),
            _ => Err(Error::new(
                ErrorKind::UnknownMethod,
                format!("a row or column list has no method `{method}`"),
            )),
        }
    }
}

impl Object for QueryTable {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Iterable
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        if let Some(index) = key.as_usize() {
            return self.0.rows.get(index).map(|row| self.row(row));
        }
        match key.as_str()? {
            "rows" => Some(self.rows()),
            "columns" => Some(self.columns()),
            "column_names" => Some(crate::jinja::to_value(&self.0.columns)),
            "column_types" => Some(crate::jinja::to_value(&self.0.types)),
            _ => None,
        }
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Values(self.0.rows.iter().map(|row| self.row(row)).collect())
    }

    fn enumerator_len(self: &Arc<Self>) -> Option<usize> {
        Some(self.0.rows.len())
    }

    fn call_method(
        self: &Arc<Self>,
        _state: &mut State<'_, '_>,
        method: &str,
        _args: &[Value],
    ) -> Result<Value, Error> {
        match method {
            "print_table" => Ok(Value::from(())),
            "__len__" => Ok(Value::from(self.0.rows.len())),
            _ => Err(Error::new(
                ErrorKind::UnknownMethod,
                format!("a query result has no method `{method}`"),
            )),
        }
    }
}

/// One column of a [`QueryTable`].
#[derive(Debug)]
struct QueryColumn {
    name: String,
    data_type: String,
    values: Vec<Value>,
}

impl Object for QueryColumn {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Iterable
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        if let Some(index) = key.as_usize() {
            return self.values.get(index).cloned();
        }
        match key.as_str()? {
            "name" => Some(Value::from(self.name.clone())),
            "data_type" => Some(Value::from(self.data_type.clone())),
            _ => None,
        }
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Values(self.values.clone())
    }

    fn call_method(
        self: &Arc<Self>,
        _state: &mut State<'_, '_>,
        method: &str,
        _args: &[Value],
    ) -> Result<Value, Error> {
        match method {
            "values" => Ok(Value::from(self.values.clone())),
            "values_distinct" => Ok(Value::from(super::mutable::distinct(self.values.clone()))),
            _ => Err(Error::new(
                ErrorKind::UnknownMethod,
                format!("a query column has no method `{method}`"),
            )),
        }
    }
}

/// `load_result(name)`: `{'response': …, 'data': rows, 'table': table}`.
pub fn statement_result(result: QueryResult) -> Value {
    let data = Value::from(
        result
            .rows
            .iter()
            .map(|row| crate::jinja::to_value(&row))
            .collect::<Vec<_>>(),
    );
    let rows = result.rows.len();
    minijinja::context! {
        response => format!("OK {rows}"),
        data => data,
        table => Value::from_object(QueryTable(result)),
    }
}
