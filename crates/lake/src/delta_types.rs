//! Arrow types Delta tables can hold. Query results may carry types Delta has no name for
//! (string views, unsigned integers, nanosecond timestamps, untyped NULL columns); they are
//! cast to the nearest Delta type before a write.

use std::sync::Arc;

use datafusion::arrow::array::RecordBatch;
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{DataType, Field, Schema, TimeUnit};
use datafusion::arrow::error::ArrowError;

/// The Delta-compatible type for `data_type` (itself when it already is one).
pub fn delta_type(data_type: &DataType) -> DataType {
    match data_type {
        DataType::Utf8View | DataType::LargeUtf8 | DataType::Null => DataType::Utf8,
        DataType::BinaryView | DataType::LargeBinary | DataType::FixedSizeBinary(_) => {
            DataType::Binary
        }
        DataType::UInt8 => DataType::Int16,
        DataType::UInt16 => DataType::Int32,
        DataType::UInt32 | DataType::UInt64 => DataType::Int64,
        DataType::Float16 => DataType::Float32,
        DataType::Date64 => DataType::Date32,
        DataType::Time32(_) | DataType::Time64(_) => DataType::Utf8,
        DataType::Timestamp(_, tz) => DataType::Timestamp(TimeUnit::Microsecond, tz.clone()),
        DataType::Dictionary(_, value) => delta_type(value),
        DataType::List(field) | DataType::LargeList(field) | DataType::ListView(field) => {
            DataType::List(Arc::new(delta_field(field)))
        }
        DataType::Struct(fields) => {
            DataType::Struct(fields.iter().map(|f| delta_field(f)).collect())
        }
        other => other.clone(),
    }
}

fn delta_field(field: &Field) -> Field {
    Field::new(
        field.name(),
        delta_type(field.data_type()),
        field.is_nullable(),
    )
}

/// The batch with every column cast to its Delta-compatible type.
pub fn delta_compatible(batch: &RecordBatch) -> Result<RecordBatch, ArrowError> {
    let schema = batch.schema();
    if schema
        .fields()
        .iter()
        .all(|f| &delta_type(f.data_type()) == f.data_type())
    {
        return Ok(batch.clone());
    }
    let fields: Vec<Field> = schema
        .fields()
        .iter()
        .map(|f| Field::new(f.name(), delta_type(f.data_type()), true))
        .collect();
    let columns = batch
        .columns()
        .iter()
        .zip(&fields)
        .map(|(column, field)| cast(column, field.data_type()))
        .collect::<Result<Vec<_>, _>>()?;
    RecordBatch::try_new(Arc::new(Schema::new(fields)), columns)
}

#[cfg(test)]
mod tests {
    use super::*;
    use datafusion::arrow::array::{Array, StringViewArray, UInt32Array};

    #[test]
    fn views_and_unsigned_integers_become_delta_types() {
        let schema = Arc::new(Schema::new(vec![
            Field::new("s", DataType::Utf8View, true),
            Field::new("n", DataType::UInt32, true),
        ]));
        let batch = RecordBatch::try_new(
            schema,
            vec![
                Arc::new(StringViewArray::from(vec!["a", "b"])),
                Arc::new(UInt32Array::from(vec![1, 4_000_000_000])),
            ],
        )
        .unwrap();
        let out = delta_compatible(&batch).unwrap();
        assert_eq!(out.column(0).data_type(), &DataType::Utf8);
        assert_eq!(out.column(1).data_type(), &DataType::Int64);
        assert_eq!(out.num_rows(), 2);
    }
}
