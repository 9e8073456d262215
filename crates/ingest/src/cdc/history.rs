//! The history table of a silver table (`[cdc.<id>] history = true`): SCD type 2.
//!
//! `<silver name>__history` holds one row per version of a key: every landed change of a
//! keyed table (full-load rows too) with the source's columns plus
//! * `_lf_op` — `I`, `U` or `D` (a delete is a version too: it ends the key's life);
//! * `_lf_seq` — the change's order (`_lf_change_seq`; 0 for full-load rows);
//! * `_lf_valid_from` — the change's commit time (the DMS timestamp column, UTC);
//! * `_lf_valid_to` — the commit time of the key's next version, NULL for its latest;
//! * `_lf_current` — whether it is the key's latest version and not a delete.
//!
//! Tables without a primary key have no history table (a version needs a key). Like
//! silver, the table is rewritten per apply commit (copy-on-write), carrying its own Delta
//! `txn` (app id `lakeforge-cdc-history/<id>/<schema>.<table>`), so it is exactly once too.

use std::sync::Arc;

use lakeforge_lake::datafusion::arrow::array::{
    Array, ArrayRef, BooleanArray, Int64Array, RecordBatch, StringArray, TimestampMicrosecondArray,
};
use lakeforge_lake::datafusion::arrow::compute::{cast, concat_batches};
use lakeforge_lake::datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef, TimeUnit};
use lakeforge_lake::datafusion::arrow::error::ArrowError;
use lakeforge_lake::datafusion::arrow::row::{RowConverter, SortField};

use super::silver::{CHANGE_SEQ_COLUMN, OP_COLUMN, conform};

/// Appended to a silver table's name to name its history table.
pub const HISTORY_SUFFIX: &str = "__history";
const OP: &str = "_lf_op";
const SEQ: &str = "_lf_seq";
const VALID_FROM: &str = "_lf_valid_from";
const VALID_TO: &str = "_lf_valid_to";
const CURRENT: &str = "_lf_current";

fn timestamp_type() -> DataType {
    DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into()))
}

/// The history schema of silver schema `data`: its columns, then the version columns.
pub fn history_schema(data: &SchemaRef) -> SchemaRef {
    let mut fields: Vec<Field> = data.fields().iter().map(|f| f.as_ref().clone()).collect();
    fields.extend([
        Field::new(OP, DataType::Utf8, true),
        Field::new(SEQ, DataType::Int64, true),
        Field::new(VALID_FROM, timestamp_type(), true),
        Field::new(VALID_TO, timestamp_type(), true),
        Field::new(CURRENT, DataType::Boolean, true),
    ]);
    Arc::new(Schema::new(fields))
}

/// The versions `landed` rows make, in `schema` (a [`history_schema`]); validity is left
/// for [`close`].
fn versions(
    landed: &RecordBatch,
    schema: &SchemaRef,
    timestamp_column: &str,
) -> Result<RecordBatch, ArrowError> {
    let n = landed.num_rows();
    let data = conform(landed, schema)?;
    let text = |name: &str| -> Result<Option<ArrayRef>, ArrowError> {
        landed
            .column_by_name(name)
            .map(|c| cast(c, &DataType::Utf8))
            .transpose()
    };
    let ops = text(OP_COLUMN)?;
    let ops = ops
        .as_ref()
        .and_then(|c| c.as_any().downcast_ref::<StringArray>());
    let op: StringArray = (0..n)
        .map(|i| match ops {
            Some(ops) if !ops.is_null(i) => Some(ops.value(i).to_owned()),
            _ => Some("I".to_owned()),
        })
        .collect();
    let seq: ArrayRef = match landed.column_by_name(CHANGE_SEQ_COLUMN) {
        Some(c) => cast(c, &DataType::Int64)?,
        None => Arc::new(Int64Array::from(vec![0; n])),
    };
    let valid_from: ArrayRef = match landed.column_by_name(timestamp_column) {
        Some(c) => cast(c, &timestamp_type())?,
        None => Arc::new(TimestampMicrosecondArray::new_null(n).with_timezone("UTC")),
    };
    let mut columns = data.columns().to_vec();
    let at = |name: &str| schema.index_of(name);
    columns[at(OP)?] = Arc::new(op);
    columns[at(SEQ)?] = seq;
    columns[at(VALID_FROM)?] = valid_from;
    RecordBatch::try_new(schema.clone(), columns)
}

/// The new history: the rows of `existing` plus the versions of `landed`, with
/// `_lf_valid_to` and `_lf_current` recomputed per key (columns `key`).
pub fn extend(
    schema: &SchemaRef,
    existing: &[RecordBatch],
    landed: &[RecordBatch],
    key: &[String],
    timestamp_column: &str,
) -> Result<RecordBatch, ArrowError> {
    let mut parts = existing
        .iter()
        .map(|b| conform(b, schema))
        .collect::<Result<Vec<_>, _>>()?;
    for batch in landed {
        parts.push(versions(batch, schema, timestamp_column)?);
    }
    close(&concat_batches(schema, &parts)?, key)
}

/// Sets each version's end to its key's next version's start, and marks the latest
/// version of each key current unless it is a delete.
fn close(batch: &RecordBatch, key: &[String]) -> Result<RecordBatch, ArrowError> {
    let schema = batch.schema();
    let keys = key
        .iter()
        .map(|k| batch.column_by_name(k).cloned())
        .collect::<Option<Vec<_>>>()
        .ok_or_else(|| ArrowError::SchemaError(format!("key {key:?} not in the history")))?;
    let converter = RowConverter::new(
        keys.iter()
            .map(|c| SortField::new(c.data_type().clone()))
            .collect(),
    )?;
    let rows = converter.convert_columns(&keys)?;
    let column = |name: &str| batch.column(schema.index_of(name).expect("history column"));
    let seq = column(SEQ);
    let seq = seq
        .as_any()
        .downcast_ref::<Int64Array>()
        .expect("_lf_seq is Int64");
    let from = column(VALID_FROM);
    let from = from
        .as_any()
        .downcast_ref::<TimestampMicrosecondArray>()
        .expect("_lf_valid_from is a timestamp");
    let op = column(OP);
    let op = op
        .as_any()
        .downcast_ref::<StringArray>()
        .expect("_lf_op is text");
    let mut order: Vec<usize> = (0..batch.num_rows()).collect();
    order.sort_by(|&a, &b| {
        rows.row(a)
            .cmp(&rows.row(b))
            .then(seq.value(a).cmp(&seq.value(b)))
    });
    let mut valid_to: Vec<Option<i64>> = vec![None; batch.num_rows()];
    let mut current = vec![false; batch.num_rows()];
    for (i, &row) in order.iter().enumerate() {
        match order.get(i + 1) {
            Some(&next) if rows.row(next) == rows.row(row) => {
                valid_to[row] = (!from.is_null(next)).then(|| from.value(next));
            }
            _ => current[row] = op.is_null(row) || op.value(row) != "D",
        }
    }
    let mut columns = batch.columns().to_vec();
    columns[schema.index_of(VALID_TO)?] =
        Arc::new(TimestampMicrosecondArray::from(valid_to).with_timezone("UTC"));
    columns[schema.index_of(CURRENT)?] = Arc::new(BooleanArray::from(current));
    RecordBatch::try_new(schema, columns)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lakeforge_lake::datafusion::arrow::util::display::array_value_to_string;

    fn landed(ops: &[&str], seqs: &[i64], ids: &[i64], names: &[&str], at: &[&str]) -> RecordBatch {
        let schema = Arc::new(Schema::new(vec![
            Field::new(OP_COLUMN, DataType::Utf8, true),
            Field::new("cdc_timestamp", DataType::Utf8, true),
            Field::new(CHANGE_SEQ_COLUMN, DataType::Int64, true),
            Field::new("id", DataType::Int64, true),
            Field::new("name", DataType::Utf8, true),
        ]));
        RecordBatch::try_new(
            schema,
            vec![
                Arc::new(StringArray::from(ops.to_vec())),
                Arc::new(StringArray::from(at.to_vec())),
                Arc::new(Int64Array::from(seqs.to_vec())),
                Arc::new(Int64Array::from(ids.to_vec())),
                Arc::new(StringArray::from(names.to_vec())),
            ],
        )
        .unwrap()
    }

    fn rows(batch: &RecordBatch) -> Vec<String> {
        let mut out: Vec<String> = (0..batch.num_rows())
            .map(|r| {
                ["id", "name", OP, VALID_FROM, VALID_TO, CURRENT]
                    .iter()
                    .map(|c| {
                        let column = batch.column_by_name(c).unwrap();
                        if column.is_null(r) {
                            "∅".to_owned()
                        } else {
                            array_value_to_string(column, r).unwrap()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn versions_close_when_the_next_one_starts_and_deletes_end_a_key() {
        let data = Arc::new(Schema::new(vec![
            Field::new("id", DataType::Int64, true),
            Field::new("name", DataType::Utf8, true),
        ]));
        let schema = history_schema(&data);
        let key = ["id".to_owned()];
        let first = landed(
            &["I", "I"],
            &[0, 0],
            &[1, 2],
            &["ann", "bob"],
            &["2026-01-01 10:00:00.000000", "2026-01-01 10:00:00.000000"],
        );
        let history = extend(&schema, &[], &[first], &key, "cdc_timestamp").unwrap();
        let later = landed(
            &["U", "D", "I"],
            &[5, 6, 7],
            &[1, 2, 3],
            &["anne", "bob", "cy"],
            &[
                "2026-01-02 09:00:00.000000",
                "2026-01-03 09:00:00.000000",
                "2026-01-03 09:00:01.000000",
            ],
        );
        let history = extend(&schema, &[history], &[later], &key, "cdc_timestamp").unwrap();
        assert_eq!(
            rows(&history),
            [
                "1|anne|U|2026-01-02T09:00:00Z|∅|true",
                "1|ann|I|2026-01-01T10:00:00Z|2026-01-02T09:00:00Z|false",
                "2|bob|D|2026-01-03T09:00:00Z|∅|false",
                "2|bob|I|2026-01-01T10:00:00Z|2026-01-03T09:00:00Z|false",
                "3|cy|I|2026-01-03T09:00:01Z|∅|true",
            ]
        );
    }
}
