//! Rows of one table → an Arrow record batch in the DMS layout (`Op`, timestamp column,
//! lakeforge ordering columns, then the table's columns) → Parquet bytes.

use std::collections::HashMap;
use std::sync::Arc;

use arrow::array::{
    ArrayRef, BinaryArray, BooleanArray, Date32Array, Decimal128Array, Float32Array, Float64Array,
    Int8Array, Int16Array, Int32Array, Int64Array, ListArray, StringArray, Time64MicrosecondArray,
    TimestampMicrosecondArray, UInt8Array, UInt16Array, UInt32Array, UInt64Array,
};
use arrow::buffer::{NullBuffer, OffsetBuffer};
use arrow::datatypes::{DataType, Field, Schema};
use arrow::record_batch::RecordBatch;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use super::dms_files::format_timestamp;
use crate::error::{CdcError, Result};
use crate::event::Op;
use crate::schema::{ColumnKind, TableSchema};
use crate::value::Value;

/// The DMS operation column.
pub const OP_COLUMN: &str = "Op";
/// Position of the row in the whole change stream (0 for full-load rows): the merge's
/// ordering key.
pub const CHANGE_SEQ_COLUMN: &str = "_lf_change_seq";
/// Ordinal of the row's source transaction (0 for full-load rows).
pub const TXN_SEQ_COLUMN: &str = "_lf_txn_seq";
/// Schema metadata key: the source table (`schema.table`).
pub const SOURCE_TABLE_METADATA_KEY: &str = "lakeforge.cdc.source_table";
/// Schema metadata key: the primary key, a JSON array of column names.
pub const PRIMARY_KEY_METADATA_KEY: &str = "lakeforge.cdc.primary_key";

/// Rows of one table with one schema, ready to become one file.
#[derive(Debug)]
pub struct FileRows {
    /// The table's columns for every row of the file.
    pub table: Arc<TableSchema>,
    /// Whether the file has the `Op` column.
    pub with_op: bool,
    /// The name of the timestamp column.
    pub timestamp_column: String,
    /// One entry per row.
    pub meta: Vec<RowMeta>,
    /// Values per row, in `table.columns` order.
    pub rows: Vec<Vec<Value>>,
}

/// The lakeforge columns of one landed row.
#[derive(Clone, Copy, Debug)]
pub struct RowMeta {
    /// I, U or D.
    pub op: Op,
    /// Commit (or, for the full load, read) time in microseconds.
    pub micros: i64,
    /// Stream-wide change sequence.
    pub change_seq: i64,
    /// Stream-wide transaction sequence.
    pub txn_seq: i64,
}

impl FileRows {
    /// The Arrow record batch of these rows.
    pub fn record_batch(&self) -> Result<RecordBatch> {
        let mut fields = Vec::new();
        let mut arrays: Vec<ArrayRef> = Vec::new();
        if self.with_op {
            fields.push(Field::new(OP_COLUMN, DataType::Utf8, false));
            arrays.push(Arc::new(StringArray::from_iter_values(
                self.meta.iter().map(|m| m.op.as_str()),
            )));
        }
        fields.push(Field::new(&self.timestamp_column, DataType::Utf8, false));
        arrays.push(Arc::new(StringArray::from_iter_values(
            self.meta.iter().map(|m| format_timestamp(m.micros)),
        )));
        fields.push(Field::new(CHANGE_SEQ_COLUMN, DataType::Int64, false));
        arrays.push(Arc::new(Int64Array::from_iter_values(
            self.meta.iter().map(|m| m.change_seq),
        )));
        fields.push(Field::new(TXN_SEQ_COLUMN, DataType::Int64, false));
        arrays.push(Arc::new(Int64Array::from_iter_values(
            self.meta.iter().map(|m| m.txn_seq),
        )));
        for (index, column) in self.table.columns.iter().enumerate() {
            let values: Vec<&Value> = self
                .rows
                .iter()
                .map(|row| row.get(index).unwrap_or(&Value::Null))
                .collect();
            let array = array_of(&column.kind, &values).map_err(|message| CdcError::Type {
                table: self.table.id.to_string(),
                column: column.name.clone(),
                message,
            })?;
            fields.push(column.kind.arrow_field(&column.name, true));
            arrays.push(array);
        }
        let metadata = HashMap::from([
            (
                SOURCE_TABLE_METADATA_KEY.to_owned(),
                self.table.id.to_string(),
            ),
            (
                PRIMARY_KEY_METADATA_KEY.to_owned(),
                serde_json::to_string(&self.table.primary_key).unwrap_or_default(),
            ),
        ]);
        let schema = Arc::new(Schema::new_with_metadata(fields, metadata));
        Ok(RecordBatch::try_new(schema, arrays)?)
    }

    /// The rows as a Snappy-compressed Parquet file.
    pub fn parquet(&self) -> Result<Vec<u8>> {
        let batch = self.record_batch()?;
        let properties = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .build();
        let mut bytes = Vec::new();
        let mut writer = ArrowWriter::try_new(&mut bytes, batch.schema(), Some(properties))?;
        writer.write(&batch)?;
        writer.close()?;
        Ok(bytes)
    }
}

/// Builds the Arrow array of `kind` from `values` (NULLs allowed everywhere).
pub fn array_of(kind: &ColumnKind, values: &[&Value]) -> Result<ArrayRef, String> {
    fn each<T>(
        values: &[&Value],
        get: impl Fn(&Value) -> Result<T, String>,
    ) -> Result<Vec<Option<T>>, String> {
        values
            .iter()
            .map(|v| {
                if v.is_null() {
                    Ok(None)
                } else {
                    get(v).map(Some)
                }
            })
            .collect()
    }
    macro_rules! ints {
        ($array:ty, $t:ty) => {
            Arc::new(<$array>::from(each(values, |v| {
                integer(v).and_then(|i| <$t>::try_from(i).map_err(|_| format!("{i} out of range")))
            })?))
        };
    }
    Ok(match kind {
        ColumnKind::Boolean => Arc::new(BooleanArray::from(each(values, |v| match v {
            Value::Bool(b) => Ok(*b),
            other => integer(other).map(|i| i != 0),
        })?)),
        ColumnKind::Int8 => ints!(Int8Array, i8),
        ColumnKind::Int16 => ints!(Int16Array, i16),
        ColumnKind::Int32 => ints!(Int32Array, i32),
        ColumnKind::Int64 => ints!(Int64Array, i64),
        ColumnKind::UInt8 => ints!(UInt8Array, u8),
        ColumnKind::UInt16 => ints!(UInt16Array, u16),
        ColumnKind::UInt32 => ints!(UInt32Array, u32),
        ColumnKind::UInt64 => ints!(UInt64Array, u64),
        ColumnKind::Float32 => Arc::new(Float32Array::from(each(values, |v| {
            float(v).map(|f| f as f32)
        })?)),
        ColumnKind::Float64 => Arc::new(Float64Array::from(each(values, float)?)),
        ColumnKind::Decimal { precision, scale } => Arc::new(
            Decimal128Array::from(each(values, |v| match v {
                Value::Decimal(text) | Value::Text(text) => scaled_decimal(text, *scale),
                Value::Int(i) => scaled_decimal(&i.to_string(), *scale),
                Value::UInt(u) => scaled_decimal(&u.to_string(), *scale),
                other => Err(format!("{other:?} is not a decimal")),
            })?)
            .with_precision_and_scale(*precision, *scale)
            .map_err(|e| e.to_string())?,
        ),
        ColumnKind::Text | ColumnKind::Json | ColumnKind::Uuid => {
            Arc::new(StringArray::from(each(values, text)?))
        }
        ColumnKind::Binary => Arc::new(BinaryArray::from_iter(each(values, |v| match v {
            Value::Bytes(b) => Ok(b.clone()),
            Value::Text(t) => Ok(t.clone().into_bytes()),
            other => Err(format!("{other:?} is not bytes")),
        })?)),
        ColumnKind::Date => Arc::new(Date32Array::from(each(values, |v| match v {
            Value::Date(d) => Ok(*d),
            other => Err(format!("{other:?} is not a date")),
        })?)),
        ColumnKind::Time => Arc::new(Time64MicrosecondArray::from(each(values, |v| match v {
            Value::Time(t) => Ok(*t),
            other => Err(format!("{other:?} is not a time")),
        })?)),
        ColumnKind::Timestamp | ColumnKind::TimestampTz => {
            let array = TimestampMicrosecondArray::from(each(values, |v| match v {
                Value::Timestamp(t) => Ok(*t),
                other => Err(format!("{other:?} is not a timestamp")),
            })?);
            match kind {
                ColumnKind::TimestampTz => Arc::new(array.with_timezone("UTC")),
                _ => Arc::new(array),
            }
        }
        ColumnKind::List(item) => list_array(kind, item, values)?,
    })
}

fn list_array(kind: &ColumnKind, item: &ColumnKind, values: &[&Value]) -> Result<ArrayRef, String> {
    let mut offsets = vec![0i32];
    let mut valid = Vec::with_capacity(values.len());
    let mut items: Vec<&Value> = Vec::new();
    for value in values {
        match value {
            Value::Null => valid.push(false),
            Value::List(elements) => {
                valid.push(true);
                items.extend(elements.iter());
            }
            other => return Err(format!("{other:?} is not an array")),
        }
        offsets.push(i32::try_from(items.len()).map_err(|_| "array too large".to_owned())?);
    }
    let inner = array_of(item, &items)?;
    let DataType::List(field) = kind.arrow_type() else {
        unreachable!("list kinds have list types")
    };
    ListArray::try_new(
        field,
        OffsetBuffer::new(offsets.into()),
        inner,
        Some(NullBuffer::from(valid)),
    )
    .map(|a| Arc::new(a) as ArrayRef)
    .map_err(|e| e.to_string())
}

fn integer(value: &Value) -> Result<i128, String> {
    match value {
        Value::Int(i) => Ok(i128::from(*i)),
        Value::UInt(u) => Ok(i128::from(*u)),
        Value::Bool(b) => Ok(i128::from(*b)),
        Value::Text(t) | Value::Decimal(t) => t
            .trim()
            .parse()
            .map_err(|_| format!("`{t}` is not an integer")),
        other => Err(format!("{other:?} is not an integer")),
    }
}

fn float(value: &Value) -> Result<f64, String> {
    match value {
        Value::Float(f) => Ok(*f),
        Value::Int(i) => Ok(*i as f64),
        Value::UInt(u) => Ok(*u as f64),
        Value::Text(t) | Value::Decimal(t) => t
            .trim()
            .parse()
            .map_err(|_| format!("`{t}` is not a number")),
        other => Err(format!("{other:?} is not a number")),
    }
}

fn text(value: &Value) -> Result<String, String> {
    Ok(match value {
        Value::Text(t) | Value::Decimal(t) => t.clone(),
        Value::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::UInt(u) => u.to_string(),
        Value::Float(f) => f.to_string(),
        other => return Err(format!("{other:?} is not text")),
    })
}

/// `-12.3` at scale 2 → -1230; digits beyond the scale must be zeros.
fn scaled_decimal(text: &str, scale: i8) -> Result<i128, String> {
    let bad = || format!("`{text}` is not a decimal of scale {scale}");
    let trimmed = text.trim();
    let (negative, digits) = match trimmed.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, trimmed.strip_prefix('+').unwrap_or(trimmed)),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let scale = usize::try_from(scale).map_err(|_| bad())?;
    if fraction.len() > scale && fraction[scale..].bytes().any(|b| b != b'0') {
        return Err(bad());
    }
    let fraction: String = fraction
        .chars()
        .chain(std::iter::repeat('0'))
        .take(scale)
        .collect();
    let joined = format!("{}{fraction}", if whole.is_empty() { "0" } else { whole });
    if !joined.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let magnitude: i128 = joined.parse().map_err(|_| bad())?;
    Ok(if negative { -magnitude } else { magnitude })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_scale_exactly() {
        assert_eq!(scaled_decimal("-12.3", 2), Ok(-1230));
        assert_eq!(scaled_decimal("5", 3), Ok(5000));
        assert_eq!(scaled_decimal("1.2300", 2), Ok(123));
        assert!(scaled_decimal("1.234", 2).is_err());
    }

    #[test]
    fn lists_keep_nulls_at_both_levels() {
        let kind = ColumnKind::List(Box::new(ColumnKind::Int32));
        let a = Value::List(vec![Value::Int(1), Value::Null]);
        let array = array_of(&kind, &[&a, &Value::Null]).expect("list");
        assert_eq!(array.len(), 2);
        assert_eq!(array.null_count(), 1);
    }
}
