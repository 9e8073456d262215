//! One source value, engine-neutral, before it becomes an Arrow array element.

/// A column value read from a source (snapshot or change stream).
///
/// Temporal values are integers: days since 1970-01-01 for dates, microseconds since
/// midnight for times, microseconds since the epoch for timestamps (UTC for
/// `TIMESTAMP WITH TIME ZONE`-like columns, wall-clock for naive ones).
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// SQL NULL.
    Null,
    /// A boolean.
    Bool(bool),
    /// A signed integer.
    Int(i64),
    /// An unsigned integer.
    UInt(u64),
    /// A floating point number.
    Float(f64),
    /// An exact decimal in its canonical text form (`-12.340`).
    Decimal(String),
    /// Text (also JSON, UUID, ENUM and SET values).
    Text(String),
    /// Raw bytes.
    Bytes(Vec<u8>),
    /// Days since the Unix epoch.
    Date(i32),
    /// Microseconds since midnight.
    Time(i64),
    /// Microseconds since the Unix epoch.
    Timestamp(i64),
    /// An array (PostgreSQL arrays).
    List(Vec<Value>),
}

impl Value {
    /// Whether this is SQL NULL.
    pub fn is_null(&self) -> bool {
        matches!(self, Self::Null)
    }
}
