//! Query results as Jinja sees them: dbt's agate table (`run_query`, `load_result`).

use std::sync::Arc;

use minijinja::value::{Enumerator, Object, ObjectRepr};
use minijinja::{Error, ErrorKind, State, Value};

use super::scope::QueryResult;

/// An agate-like table: `rows`, `columns` (each with `name` and `values()`), `column_names`.
#[derive(Debug)]
pub struct QueryTable(pub QueryResult);

impl QueryTable {
    fn rows(&self) -> Value {
        Value::from(
            self.0
                .rows
                .iter()
                .map(|row| crate::jinja::to_value(&row))
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
        Value::from(columns)
    }
}

impl Object for QueryTable {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Iterable
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        if let Some(index) = key.as_usize() {
            return self.0.rows.get(index).map(crate::jinja::to_value);
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
        Enumerator::Values(self.0.rows.iter().map(crate::jinja::to_value).collect())
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
            "values" | "values_distinct" => Ok(Value::from(self.values.clone())),
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
