//! The merge itself, in memory: a silver table's current rows plus landed DMS rows → the
//! table's new rows.
//!
//! Every input row gets an order (`_lf_change_seq`; current silver rows come first) and an
//! operation (`Op`; current rows and full-load rows without `Op` count as inserts).
//! * With a primary key, the row with the highest order per key wins; a winning `D` removes
//!   the key, `I` and `U` keep the full row image.
//! * Without one, the table is a multiset of full rows: in order, `I`/`U` add an instance,
//!   `D` removes one equal instance (the capture sends every update of such a table as
//!   `D` of the old image then `I` of the new one; a `U` there — PostgreSQL `REPLICA
//!   IDENTITY FULL` reports an update that changed no column so — changes nothing).
//!
//! Inputs are read by column name: a column missing from a file is NULL for its rows, a
//! column new in a file is added (nullable) to the table, a column gone from newer files
//! stays in silver with NULL for newer rows.

use std::collections::HashMap;
use std::sync::Arc;

use lakeforge_cdc::schema::TableSchema;
use lakeforge_lake::datafusion::arrow::array::{
    Array, ArrayRef, Int64Array, RecordBatch, StringArray, UInt32Array, new_null_array,
};
use lakeforge_lake::datafusion::arrow::compute::{cast, concat_batches, take_record_batch};
use lakeforge_lake::datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef, TimeUnit};
use lakeforge_lake::datafusion::arrow::error::ArrowError;
use lakeforge_lake::datafusion::arrow::row::{RowConverter, SortField};

/// The DMS operation column.
pub const OP_COLUMN: &str = "Op";
/// The landed ordering column.
pub const CHANGE_SEQ_COLUMN: &str = "_lf_change_seq";
/// The landed transaction column.
pub const TXN_SEQ_COLUMN: &str = "_lf_txn_seq";

/// The silver type of a landed type: Delta has no unsigned integers and no time of day, so
/// unsigned integers widen to the next signed type (`UInt64` to `Decimal(20, 0)`) and times
/// become `HH:MM:SS.ffffff` text.
pub fn silver_type(data_type: &DataType) -> DataType {
    match data_type {
        DataType::UInt8 => DataType::Int16,
        DataType::UInt16 => DataType::Int32,
        DataType::UInt32 => DataType::Int64,
        DataType::UInt64 => DataType::Decimal128(20, 0),
        DataType::Time32(_) | DataType::Time64(_) => DataType::Utf8,
        DataType::Timestamp(_, tz) => DataType::Timestamp(TimeUnit::Microsecond, tz.clone()),
        DataType::List(item) => DataType::List(Arc::new(Field::new(
            item.name(),
            silver_type(item.data_type()),
            true,
        ))),
        other => other.clone(),
    }
}

/// The silver schema of a source table as the capture describes it.
pub fn schema_of(table: &TableSchema) -> SchemaRef {
    Arc::new(Schema::new(
        table
            .columns
            .iter()
            .map(|c| Field::new(&c.name, silver_type(&c.kind.arrow_type()), true))
            .collect::<Vec<_>>(),
    ))
}

/// Whether a landed column is one of the DMS/lakeforge bookkeeping columns.
fn is_meta(name: &str, timestamp_column: &str) -> bool {
    name == OP_COLUMN
        || name == timestamp_column
        || name == CHANGE_SEQ_COLUMN
        || name == TXN_SEQ_COLUMN
}

/// The silver schema after `landed`: `base`'s columns, then new ones in order of appearance.
pub fn evolve(base: &SchemaRef, landed: &[RecordBatch], timestamp_column: &str) -> SchemaRef {
    let mut fields: Vec<Field> = base
        .fields()
        .iter()
        .map(|f| Field::new(f.name(), f.data_type().clone(), true))
        .collect();
    for batch in landed {
        for field in batch.schema().fields() {
            if is_meta(field.name(), timestamp_column)
                || fields.iter().any(|f| f.name() == field.name())
            {
                continue;
            }
            fields.push(Field::new(
                field.name(),
                silver_type(field.data_type()),
                true,
            ));
        }
    }
    Arc::new(Schema::new(fields))
}

/// `batch` with exactly the columns of `schema`, by name: missing ones NULL, types cast.
pub fn conform(batch: &RecordBatch, schema: &SchemaRef) -> Result<RecordBatch, ArrowError> {
    let columns = schema
        .fields()
        .iter()
        .map(|field| match batch.column_by_name(field.name()) {
            Some(column) if column.data_type() == field.data_type() => Ok(column.clone()),
            Some(column) => cast(column, field.data_type()).map_err(|e| {
                ArrowError::CastError(format!(
                    "column `{}` from {} to {}: {e}",
                    field.name(),
                    column.data_type(),
                    field.data_type()
                ))
            }),
            None => Ok(new_null_array(field.data_type(), batch.num_rows())),
        })
        .collect::<Result<Vec<ArrayRef>, _>>()?;
    RecordBatch::try_new_with_options(
        schema.clone(),
        columns,
        &lakeforge_lake::datafusion::arrow::array::RecordBatchOptions::new()
            .with_row_count(Some(batch.num_rows())),
    )
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `I`, current rows, full-load rows.
    Insert,
    /// `U`: the full new image of a keyed row.
    Update,
    /// `D`.
    Delete,
}

/// Operations and orders of a landed batch's rows.
fn row_meta(batch: &RecordBatch) -> Result<Vec<(i64, Kind)>, ArrowError> {
    let n = batch.num_rows();
    let seqs: Vec<i64> = match batch.column_by_name(CHANGE_SEQ_COLUMN) {
        Some(c) => {
            let c = cast(c, &DataType::Int64)?;
            let c = c
                .as_any()
                .downcast_ref::<Int64Array>()
                .expect("cast to Int64");
            (0..n)
                .map(|i| if c.is_null(i) { 0 } else { c.value(i) })
                .collect()
        }
        None => vec![0; n],
    };
    let ops: Vec<Kind> = match batch.column_by_name(OP_COLUMN) {
        Some(c) => {
            let c = cast(c, &DataType::Utf8)?;
            let c = c
                .as_any()
                .downcast_ref::<StringArray>()
                .expect("cast to Utf8");
            (0..n)
                .map(|i| match (c.is_null(i), c.value(i)) {
                    (false, "D") => Kind::Delete,
                    (false, "U") => Kind::Update,
                    _ => Kind::Insert,
                })
                .collect()
        }
        None => vec![Kind::Insert; n],
    };
    Ok(seqs.into_iter().zip(ops).collect())
}

/// The new rows of a table: `current` (its rows now, `None` to replace them) merged with
/// `landed` record batches; `schema` is the result's schema (see [`evolve`]).
pub fn merge(
    schema: &SchemaRef,
    current: &[RecordBatch],
    landed: &[RecordBatch],
    primary_key: &[String],
) -> Result<RecordBatch, ArrowError> {
    let mut parts = Vec::with_capacity(current.len() + landed.len());
    let mut meta: Vec<(i64, Kind)> = Vec::new();
    for batch in current {
        parts.push(conform(batch, schema)?);
        meta.extend(std::iter::repeat_n((-1, Kind::Insert), batch.num_rows()));
    }
    for batch in landed {
        parts.push(conform(batch, schema)?);
        meta.extend(row_meta(batch)?);
    }
    let all = concat_batches(schema, &parts)?;
    if all.num_rows() == 0 {
        return Ok(all);
    }
    let key_columns: Vec<usize> = if primary_key.is_empty() {
        (0..schema.fields().len()).collect()
    } else {
        primary_key
            .iter()
            .map(|k| {
                schema.index_of(k).map_err(|_| {
                    ArrowError::SchemaError(format!("primary-key column `{k}` is not in the data"))
                })
            })
            .collect::<Result<_, _>>()?
    };
    let converter = RowConverter::new(
        key_columns
            .iter()
            .map(|&i| SortField::new(schema.field(i).data_type().clone()))
            .collect(),
    )?;
    let keys = converter.convert_columns(
        &key_columns
            .iter()
            .map(|&i| all.column(i).clone())
            .collect::<Vec<_>>(),
    )?;
    let mut order: Vec<usize> = (0..all.num_rows()).collect();
    order.sort_by_key(|&i| meta[i].0);
    let mut keep: Vec<u32> = Vec::new();
    if primary_key.is_empty() {
        let mut instances: HashMap<&[u8], Vec<usize>> = HashMap::new();
        for &i in &order {
            let key = keys.row(i).data();
            match meta[i].1 {
                Kind::Insert => instances.entry(key).or_default().push(i),
                // An update of a row whose every column is its identity changed nothing
                // (the capture sends real changes of such rows as `D` + `I`).
                Kind::Update => {}
                Kind::Delete => {
                    if let Some(list) = instances.get_mut(key) {
                        list.pop();
                    }
                }
            }
        }
        for list in instances.into_values() {
            keep.extend(list.into_iter().map(|i| i as u32));
        }
    } else {
        let mut winners: HashMap<&[u8], usize> = HashMap::new();
        for &i in &order {
            winners.insert(keys.row(i).data(), i);
        }
        keep.extend(
            winners
                .into_values()
                .filter(|&i| meta[i].1 != Kind::Delete)
                .map(|i| i as u32),
        );
    }
    keep.sort_unstable();
    take_record_batch(&all, &UInt32Array::from(keep))
}

#[cfg(test)]
mod tests {
    use super::*;
    use lakeforge_lake::datafusion::arrow::array::Int32Array;

    fn landed(ops: &[&str], seqs: &[i64], ids: &[i32], values: &[Option<&str>]) -> RecordBatch {
        RecordBatch::try_from_iter(vec![
            (
                OP_COLUMN,
                Arc::new(StringArray::from(ops.to_vec())) as ArrayRef,
            ),
            (CHANGE_SEQ_COLUMN, Arc::new(Int64Array::from(seqs.to_vec()))),
            ("id", Arc::new(Int32Array::from(ids.to_vec()))),
            ("v", Arc::new(StringArray::from(values.to_vec()))),
        ])
        .unwrap()
    }

    fn texts(batch: &RecordBatch) -> Vec<String> {
        use lakeforge_lake::datafusion::arrow::util::display::array_value_to_string;
        let mut rows: Vec<String> = (0..batch.num_rows())
            .map(|r| {
                batch
                    .columns()
                    .iter()
                    .map(|c| array_value_to_string(c, r).unwrap())
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect();
        rows.sort();
        rows
    }

    #[test]
    fn the_last_change_per_key_wins_and_deletes_remove() {
        let base = Arc::new(Schema::empty());
        let batch = landed(
            &["I", "U", "I", "D", "I"],
            &[1, 5, 2, 4, 3],
            &[1, 1, 2, 2, 3],
            &[Some("a"), Some("b"), Some("c"), None, None],
        );
        let schema = evolve(&base, std::slice::from_ref(&batch), "ts");
        let out = merge(&schema, &[], &[batch], &["id".into()]).unwrap();
        assert_eq!(texts(&out), ["1|b", "3|"]);
    }

    #[test]
    fn tables_without_keys_are_multisets() {
        let base = Arc::new(Schema::empty());
        let batch = landed(
            &["I", "I", "D", "I", "D"],
            &[1, 2, 3, 4, 5],
            &[1, 1, 1, 2, 9],
            &[Some("a"), Some("a"), Some("a"), Some("b"), Some("x")],
        );
        let schema = evolve(&base, std::slice::from_ref(&batch), "ts");
        let out = merge(&schema, &[], &[batch], &[]).unwrap();
        assert_eq!(texts(&out), ["1|a", "2|b"]);
    }
}
