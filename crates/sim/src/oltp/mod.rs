//! The OLTP side of the shop: row changes ([`Change`]) to the seven tables of
//! the [`schema`], and how they are written to SQL databases.

pub(crate) mod dialect;
pub(crate) mod rows;
pub mod schema;
pub(crate) mod url;

use chrono::NaiveDate;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use self::schema::Table;
use crate::timefmt::Timestamp;

/// One value of a row.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// SQL NULL.
    Null,
    /// An integer.
    Int(i64),
    /// A floating-point number (also money).
    Real(f64),
    /// Text.
    Text(String),
    /// True or false.
    Bool(bool),
    /// A timestamp, milliseconds since the Unix epoch (UTC).
    Timestamp(i64),
    /// A date.
    Date(NaiveDate),
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => serializer.serialize_none(),
            Value::Int(value) => serializer.serialize_i64(*value),
            Value::Real(value) => serializer.serialize_f64(*value),
            Value::Text(value) => serializer.serialize_str(value),
            Value::Bool(value) => serializer.serialize_bool(*value),
            Value::Timestamp(ms) => serializer.collect_str(&Timestamp::iso(*ms)),
            Value::Date(date) => serializer.collect_str(date),
        }
    }
}

/// What a change does to its table.
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    /// Adds a row: one value per column, in [`Table::columns`] order.
    Insert(Vec<Value>),
    /// Sets columns of the row with primary key `key`.
    Update {
        /// The row's primary key.
        key: i64,
        /// The columns set and their new values.
        set: Vec<(&'static str, Value)>,
    },
    /// Deletes the row with primary key `key`.
    Delete {
        /// The row's primary key.
        key: i64,
    },
}

/// A row change in the OLTP database, at a simulated time.
///
/// Within a batch, the changes to any one row come in time order (insert,
/// updates, delete), and a row is only inserted after the rows it refers to.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// When it happened, milliseconds since the Unix epoch (UTC).
    pub timestamp_ms: i64,
    /// The table changed.
    pub table: Table,
    /// What changed.
    pub op: Op,
}

impl Change {
    /// The DMS-style operation letter: `I`, `U` or `D`.
    pub fn op_letter(&self) -> &'static str {
        match self.op {
            Op::Insert(_) => "I",
            Op::Update { .. } => "U",
            Op::Delete { .. } => "D",
        }
    }

    /// Appends the change as one line of JSON (with its newline), e.g.
    /// `{"op":"U","table":"order_items","timestamp":"…","key":{"order_item_id":7},"set":{"status":"shipped",…}}`.
    pub fn write_json(&self, out: &mut Vec<u8>) {
        // Serializing plain values into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut *out, &ChangeJson(self));
        out.push(b'\n');
    }
}

/// [`Change`] in its JSON-lines shape.
struct ChangeJson<'a>(&'a Change);

impl Serialize for ChangeJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let change = self.0;
        let mut map = serializer.serialize_map(Some(5))?;
        map.serialize_entry("op", change.op_letter())?;
        map.serialize_entry("table", change.table.name())?;
        map.serialize_entry(
            "timestamp",
            &Timestamp::iso(change.timestamp_ms).to_string(),
        )?;
        match &change.op {
            Op::Insert(values) => {
                let names = change.table.columns().iter().map(|column| column.name);
                map.serialize_entry("row", &Fields(names.zip(values).collect()))?;
            }
            Op::Update { key, set } => {
                map.serialize_entry(
                    "key",
                    &Fields(vec![(change.table.key(), &Value::Int(*key))]),
                )?;
                map.serialize_entry(
                    "set",
                    &Fields(set.iter().map(|(name, value)| (*name, value)).collect()),
                )?;
            }
            Op::Delete { key } => {
                map.serialize_entry(
                    "key",
                    &Fields(vec![(change.table.key(), &Value::Int(*key))]),
                )?;
            }
        }
        map.end()
    }
}

/// Named values serialized as a JSON object in order.
struct Fields<'a>(Vec<(&'static str, &'a Value)>);

impl Serialize for Fields<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, value) in &self.0 {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_render_as_json_lines() {
        let mut out = Vec::new();
        Change {
            timestamp_ms: 0,
            table: Table::CartItems,
            op: Op::Delete { key: 5 },
        }
        .write_json(&mut out);
        Change {
            timestamp_ms: 1,
            table: Table::Customer,
            op: Op::Update {
                key: 2,
                set: vec![
                    ("email", Value::Text("a@b".into())),
                    ("registered_at", Value::Null),
                ],
            },
        }
        .write_json(&mut out);
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "{\"op\":\"D\",\"table\":\"cart_items\",\"timestamp\":\"1970-01-01T00:00:00.000Z\",\"key\":{\"cart_item_id\":5}}\n\
             {\"op\":\"U\",\"table\":\"customer\",\"timestamp\":\"1970-01-01T00:00:00.001Z\",\"key\":{\"customer_id\":2},\
             \"set\":{\"email\":\"a@b\",\"registered_at\":null}}\n"
        );
    }
}
