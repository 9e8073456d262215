//! JSON records → one Arrow record batch, with schema inference and evolution.
//!
//! The target schema is the table's schema plus every new field the records bring (new
//! columns; new fields inside structs). A value that does not fit its column's type (a word
//! in a number column, say) is not forced in: that record is rejected with the reason, and
//! the others go ahead. Numbers and booleans do fit string columns (they are written as text).

use std::sync::Arc;

use lakeforge_lake::datafusion::arrow::array::{ArrayRef, RecordBatch, StringArray};
use lakeforge_lake::datafusion::arrow::compute::concat_batches;
use lakeforge_lake::datafusion::arrow::datatypes::{
    DataType, Field, FieldRef, Fields, Schema, SchemaRef,
};
use lakeforge_lake::datafusion::arrow::error::ArrowError;
use lakeforge_lake::datafusion::arrow::json::ReaderBuilder;
use lakeforge_lake::datafusion::arrow::json::reader::infer_json_schema_from_iterator;
use lakeforge_stream::Record;
use serde_json::Value;

use super::event_time::{PARTITION_COLUMNS, event_time, partition_values};

/// What conversion needs to know.
#[derive(Clone, Debug)]
pub(crate) struct ConvertOptions {
    /// The JSON field holding the event time.
    pub event_time_field: String,
    /// Records larger than this are rejected.
    pub max_record_bytes: usize,
}

/// A record that could not be delivered, and why.
#[derive(Clone, Debug)]
pub(crate) struct Rejected {
    pub record: Record,
    pub reason: String,
}

/// The outcome of converting a buffer of records.
#[derive(Debug, Default)]
pub(crate) struct Converted {
    /// The good records, with the partition columns appended; `None` when there are none.
    pub batch: Option<RecordBatch>,
    pub rejected: Vec<Rejected>,
}

/// Converts records to a batch whose schema extends `table` (the destination's current
/// schema without partition columns, if the table exists).
pub(crate) fn convert(
    records: &[Record],
    table: Option<&Schema>,
    options: &ConvertOptions,
) -> Converted {
    let mut rejected = Vec::new();
    let mut good: Vec<(Value, [String; 4])> = Vec::with_capacity(records.len());
    for record in records {
        match parse(record, options.max_record_bytes) {
            Ok(value) => {
                let hour = partition_values(event_time(
                    &value,
                    &options.event_time_field,
                    record.arrival_ms,
                ));
                good.push((value, hour));
            }
            Err(reason) => rejected.push(Rejected {
                record: record.clone(),
                reason,
            }),
        }
    }
    if good.is_empty() {
        return Converted {
            batch: None,
            rejected,
        };
    }
    let (batch, failed) = match target_schema(good.iter().map(|(v, _)| v), table) {
        Ok(schema) => decode_all(&good, schema),
        Err(_) => decode_each(&good, table),
    };
    let failed_records = records
        .iter()
        .filter(|r| parse(r, options.max_record_bytes).is_ok())
        .zip(0..)
        .filter_map(|(record, i)| {
            failed
                .iter()
                .find(|(at, _)| *at == i)
                .map(|(_, reason)| (record, reason))
        });
    rejected.extend(failed_records.map(|(record, reason)| Rejected {
        record: record.clone(),
        reason: reason.clone(),
    }));
    Converted { batch, rejected }
}

fn parse(record: &Record, max_bytes: usize) -> Result<Value, String> {
    if record.payload.len() > max_bytes {
        return Err(format!(
            "record is {} bytes, over the limit of {max_bytes}",
            record.payload.len()
        ));
    }
    match serde_json::from_slice::<Value>(&record.payload) {
        Ok(value @ Value::Object(_)) => Ok(value),
        Ok(_) => Err("not a JSON object".to_string()),
        Err(e) => Err(format!("not JSON: {e}")),
    }
}

/// The table's fields plus what the values add. Fails when the values disagree among
/// themselves in a way inference cannot reconcile.
fn target_schema<'a>(
    values: impl Iterator<Item = &'a Value>,
    table: Option<&Schema>,
) -> Result<SchemaRef, ArrowError> {
    let inferred = infer_json_schema_from_iterator(values.map(Ok))?;
    Ok(Arc::new(extend(table, &inferred)))
}

fn extend(table: Option<&Schema>, inferred: &Schema) -> Schema {
    let Some(table) = table else {
        return Schema::new(
            inferred
                .fields()
                .iter()
                .map(without_null_type)
                .collect::<Vec<_>>(),
        );
    };
    let mut fields: Vec<FieldRef> = table.fields().iter().cloned().collect();
    for new in inferred.fields() {
        match fields.iter().position(|f| f.name() == new.name()) {
            Some(i) => {
                let mut merged = fields[i].as_ref().clone();
                if merged.try_merge(new).is_ok() && !matches!(merged.data_type(), DataType::Null) {
                    fields[i] = Arc::new(merged);
                }
            }
            None => fields.push(without_null_type(new)),
        }
    }
    Schema::new(fields)
}

/// Columns seen only as `null` so far become strings: Delta has no null type.
fn without_null_type(field: &FieldRef) -> FieldRef {
    let data_type = match field.data_type() {
        DataType::Null => DataType::Utf8,
        DataType::Struct(children) => {
            DataType::Struct(children.iter().map(without_null_type).collect::<Fields>())
        }
        DataType::List(item) => DataType::List(without_null_type(item)),
        other => other.clone(),
    };
    Arc::new(Field::new(field.name(), data_type, true).with_metadata(field.metadata().clone()))
}

type Failures = Vec<(usize, String)>;

fn decode_all(good: &[(Value, [String; 4])], schema: SchemaRef) -> (Option<RecordBatch>, Failures) {
    let values: Vec<&Value> = good.iter().map(|(v, _)| v).collect();
    match decode(&values, schema.clone()) {
        Ok(batch) => (
            Some(with_partitions(batch, good.iter().map(|(_, h)| h))),
            Vec::new(),
        ),
        Err(_) => decode_one_by_one(good, &schema),
    }
}

/// When the values cannot share one inferred schema, the table's schema (or the first
/// record's) decides, and the records that do not fit are rejected.
fn decode_each(
    good: &[(Value, [String; 4])],
    table: Option<&Schema>,
) -> (Option<RecordBatch>, Failures) {
    let first = infer_json_schema_from_iterator(std::iter::once(Ok(&good[0].0)))
        .map(|s| extend(table, &s))
        .unwrap_or_else(|_| table.cloned().unwrap_or_else(Schema::empty));
    decode_one_by_one(good, &Arc::new(first))
}

fn decode_one_by_one(
    good: &[(Value, [String; 4])],
    schema: &SchemaRef,
) -> (Option<RecordBatch>, Failures) {
    let mut batches = Vec::new();
    let mut hours = Vec::new();
    let mut failures = Vec::new();
    for (i, (value, hour)) in good.iter().enumerate() {
        match decode(&[value], schema.clone()) {
            Ok(batch) => {
                batches.push(batch);
                hours.push(hour);
            }
            Err(e) => failures.push((i, format!("does not fit the table's schema: {e}"))),
        }
    }
    if batches.is_empty() {
        return (None, failures);
    }
    let batch = concat_batches(schema, &batches).expect("batches share the schema");
    (Some(with_partitions(batch, hours.into_iter())), failures)
}

fn decode(values: &[&Value], schema: SchemaRef) -> Result<RecordBatch, ArrowError> {
    let mut decoder = ReaderBuilder::new(schema.clone())
        .with_coerce_primitive(true)
        .with_batch_size(values.len().max(1))
        .build_decoder()?;
    decoder.serialize(values)?;
    Ok(decoder
        .flush()?
        .unwrap_or_else(|| RecordBatch::new_empty(schema)))
}

fn with_partitions<'a>(
    batch: RecordBatch,
    hours: impl Iterator<Item = &'a [String; 4]>,
) -> RecordBatch {
    let hours: Vec<&[String; 4]> = hours.collect();
    let mut fields: Vec<FieldRef> = batch.schema().fields().iter().cloned().collect();
    let mut columns: Vec<ArrayRef> = batch.columns().to_vec();
    for (i, name) in PARTITION_COLUMNS.iter().enumerate() {
        fields.push(Arc::new(Field::new(*name, DataType::Utf8, false)));
        columns.push(Arc::new(StringArray::from_iter_values(
            hours.iter().map(|h| h[i].as_str()),
        )));
    }
    RecordBatch::try_new(Arc::new(Schema::new(fields)), columns).expect("columns match the fields")
}
