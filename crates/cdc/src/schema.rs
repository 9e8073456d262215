//! Source table schemas in engine-neutral column kinds, and their Arrow types.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use arrow::datatypes::{DataType, Field, TimeUnit};
use serde::{Deserialize, Serialize};

/// Field metadata key recording the source-level kind of a column (`json`, `uuid`, …)
/// where Arrow's type alone does not tell.
pub const KIND_METADATA_KEY: &str = "lakeforge.kind";

/// The kind of a source column: what its values are, independent of the engine.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnKind {
    /// Boolean.
    Boolean,
    /// 8-bit signed integer.
    Int8,
    /// 16-bit signed integer.
    Int16,
    /// 32-bit signed integer.
    Int32,
    /// 64-bit signed integer.
    Int64,
    /// 8-bit unsigned integer.
    UInt8,
    /// 16-bit unsigned integer.
    UInt16,
    /// 32-bit unsigned integer.
    UInt32,
    /// 64-bit unsigned integer.
    UInt64,
    /// 32-bit float.
    Float32,
    /// 64-bit float.
    Float64,
    /// Exact decimal; precision above 38 (or unconstrained numerics) lands as text.
    Decimal {
        /// Total digits.
        precision: u8,
        /// Digits after the point.
        scale: i8,
    },
    /// Text (char, varchar, text, enum, set, interval, …).
    Text,
    /// JSON document, landed as text.
    Json,
    /// UUID, landed as its canonical text.
    Uuid,
    /// Bytes.
    Binary,
    /// Calendar date.
    Date,
    /// Time of day, microseconds.
    Time,
    /// Timestamp without time zone, microseconds.
    Timestamp,
    /// Timestamp with time zone, microseconds, landed in UTC.
    TimestampTz,
    /// Array of the element kind.
    List(Box<ColumnKind>),
}

impl ColumnKind {
    /// The Arrow type this kind lands as.
    pub fn arrow_type(&self) -> DataType {
        match self {
            Self::Boolean => DataType::Boolean,
            Self::Int8 => DataType::Int8,
            Self::Int16 => DataType::Int16,
            Self::Int32 => DataType::Int32,
            Self::Int64 => DataType::Int64,
            Self::UInt8 => DataType::UInt8,
            Self::UInt16 => DataType::UInt16,
            Self::UInt32 => DataType::UInt32,
            Self::UInt64 => DataType::UInt64,
            Self::Float32 => DataType::Float32,
            Self::Float64 => DataType::Float64,
            Self::Decimal { precision, scale } => DataType::Decimal128(*precision, *scale),
            Self::Text | Self::Json | Self::Uuid => DataType::Utf8,
            Self::Binary => DataType::Binary,
            Self::Date => DataType::Date32,
            Self::Time => DataType::Time64(TimeUnit::Microsecond),
            Self::Timestamp => DataType::Timestamp(TimeUnit::Microsecond, None),
            Self::TimestampTz => DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into())),
            Self::List(item) => DataType::List(Arc::new(item.arrow_field("item", true))),
        }
    }

    /// An Arrow field of this kind, tagged with [`KIND_METADATA_KEY`] for JSON and UUID.
    pub fn arrow_field(&self, name: &str, nullable: bool) -> Field {
        let field = Field::new(name, self.arrow_type(), nullable);
        match self {
            Self::Json => field.with_metadata(kind_metadata("json")),
            Self::Uuid => field.with_metadata(kind_metadata("uuid")),
            _ => field,
        }
    }

    /// A decimal of `precision` and `scale`, or text when Arrow cannot hold it exactly.
    pub fn decimal(precision: u32, scale: u32) -> Self {
        match (u8::try_from(precision), i8::try_from(scale)) {
            (Ok(precision @ 1..=38), Ok(scale)) if i32::from(scale) <= i32::from(precision) => {
                Self::Decimal { precision, scale }
            }
            _ => Self::Text,
        }
    }
}

fn kind_metadata(kind: &str) -> HashMap<String, String> {
    HashMap::from([(KIND_METADATA_KEY.to_owned(), kind.to_owned())])
}

/// A source table's name.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TableId {
    /// Schema (MySQL database, PostgreSQL schema, `main` for SQLite).
    pub schema: String,
    /// Table name.
    pub table: String,
}

impl TableId {
    /// `schema.table`.
    pub fn new(schema: impl Into<String>, table: impl Into<String>) -> Self {
        Self {
            schema: schema.into(),
            table: table.into(),
        }
    }
}

impl fmt::Display for TableId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.schema, self.table)
    }
}

/// One column of a source table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    /// Column name.
    pub name: String,
    /// What its values are.
    pub kind: ColumnKind,
    /// The source's own type name (`decimal(10,2) unsigned`, `int4`, …), for reports.
    pub source_type: String,
}

/// A source table's columns (in source order) and primary key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableSchema {
    /// The table.
    pub id: TableId,
    /// Columns in the source's order.
    pub columns: Vec<Column>,
    /// Primary-key column names; empty for a table without one.
    pub primary_key: Vec<String>,
}

impl TableSchema {
    /// Whether the two schemas land with the same columns (names and kinds, in order).
    pub fn same_columns(&self, other: &Self) -> bool {
        self.columns.len() == other.columns.len()
            && self
                .columns
                .iter()
                .zip(&other.columns)
                .all(|(a, b)| a.name == b.name && a.kind == b.kind)
    }

    /// Indexes of the primary-key columns.
    pub fn key_indexes(&self) -> Vec<usize> {
        self.primary_key
            .iter()
            .filter_map(|key| self.columns.iter().position(|c| &c.name == key))
            .collect()
    }
}
