//! JSON records → one Arrow record batch, with schema inference and evolution.
//!
//! The target schema is the table's schema plus every new field the records bring (new
//! columns; new fields inside structs). A value that does not fit its column's type (a word
//! in a number column, say) is not forced in: that record is rejected with the reason, and
//! the others go ahead. Numbers and booleans do fit string columns (they are written as text).

use std::collections::HashSet;
use std::sync::Arc;

use lakeforge_lake::datafusion::arrow::array::{
    Array, ArrayRef, RecordBatch, StringArray, StringBuilder,
};
use lakeforge_lake::datafusion::arrow::compute::{cast, concat_batches};
use lakeforge_lake::datafusion::arrow::datatypes::{
    DataType, Field, FieldRef, Fields, Schema, SchemaRef,
};
use lakeforge_lake::datafusion::arrow::error::ArrowError;
use lakeforge_lake::datafusion::arrow::json::ReaderBuilder;
use lakeforge_lake::datafusion::arrow::json::reader::infer_json_schema_from_iterator;
use lakeforge_stream::Record;
use serde_json::Value;

use super::event_time::{
    PARTITION_COLUMNS, arrival_time, event_time, hour_number, hour_partition_values,
    parse_event_text, parse_event_time,
};

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
    /// The good records, with the partition columns appended, in record order and sharing
    /// one schema (a large buffer is decoded in slices, one batch each); empty when there
    /// are none.
    pub batches: Vec<RecordBatch>,
    pub rejected: Vec<Rejected>,
    /// The hour partitions the good records fall in (at most this many).
    pub partitions: usize,
}

/// Converts records to a batch whose schema extends `table` (the destination's current
/// schema without partition columns, if the table exists).
///
/// The common case — every record a JSON object of the expected shape — takes the fast
/// path ([`fast_convert`]); anything else (a bad record, a new field, a type conflict, an
/// unusual event time) goes record by record.
pub(crate) fn convert(
    records: &[Record],
    table: Option<&Schema>,
    options: &ConvertOptions,
) -> Converted {
    if let Some((batches, partitions)) = fast_convert(records, table, options) {
        return Converted {
            batches,
            rejected: Vec::new(),
            partitions,
        };
    }
    convert_each(records, table, options)
}

/// Records the fast path infers the schema from (a field they lack sends the buffer to the
/// careful path, which sees every record).
const SAMPLE_RECORDS: usize = 1_000;

/// Buffers with at least this many records are decoded in slices, one per core.
const PARALLEL_RECORDS: usize = 20_000;

/// The fast path: the schema from the table and a sample, then Arrow's JSON decoder over
/// the raw bytes in strict mode (a large buffer in slices on every core), and partition
/// values from the decoded event-time column. Returns the batches and the number of hour
/// partitions; `None` when any record needs the careful path.
fn fast_convert(
    records: &[Record],
    table: Option<&Schema>,
    options: &ConvertOptions,
) -> Option<(Vec<RecordBatch>, usize)> {
    if records.is_empty()
        || records
            .iter()
            .any(|r| r.payload.len() > options.max_record_bytes)
    {
        return None;
    }
    let sample: Vec<Value> = records
        .iter()
        .step_by((records.len() / SAMPLE_RECORDS).max(1))
        .map(|r| serde_json::from_slice(&r.payload).ok())
        .collect::<Option<_>>()?;
    let schema = target_schema(sample.iter(), table).ok()?;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let slices = (records.len() / PARALLEL_RECORDS).clamp(1, cores);
    let slice_len = records.len().div_ceil(slices);
    let decoded: Vec<(RecordBatch, Vec<i64>)> = std::thread::scope(|scope| {
        let decoding: Vec<_> = records
            .chunks(slice_len)
            .map(|slice| scope.spawn(|| decode_slice(slice, &schema, options)))
            .collect();
        decoding
            .into_iter()
            .map(|slice| slice.join().expect("decoding a slice does not panic"))
            .collect::<Option<_>>()
    })?;
    let partitions = distinct(decoded.iter().flat_map(|(_, hours)| hours));
    Some((
        decoded.into_iter().map(|(batch, _)| batch).collect(),
        partitions,
    ))
}

/// Decodes one slice of a buffer on the fast path, with each row's [`hour_number`];
/// `None` when any record needs the careful path.
fn decode_slice(
    records: &[Record],
    schema: &SchemaRef,
    options: &ConvertOptions,
) -> Option<(RecordBatch, Vec<i64>)> {
    let mut decoder = ReaderBuilder::new(schema.clone())
        .with_coerce_primitive(true)
        .with_strict_mode(true)
        .with_batch_size(records.len())
        .build_decoder()
        .ok()?;
    for (i, record) in records.iter().enumerate() {
        // Exactly one object per record: anything else leaves the decoder mid-value or
        // changes the row count.
        if record.payload.first() != Some(&b'{') {
            return None;
        }
        let read = decoder.decode(&record.payload).ok()?;
        if read != record.payload.len() || decoder.len() != i + 1 {
            return None;
        }
    }
    let batch = decoder.flush().ok()??;
    if batch.num_rows() != records.len() {
        return None;
    }
    let hours = event_hours(&batch, records, &options.event_time_field)?;
    Some((with_partitions(batch, &hours), hours))
}

/// The [`hour_number`] of each row from its event-time column, as [`event_time`] reads
/// the JSON value; `None` when a text is not a time (the careful path decides: it may be
/// a number the decoder turned into text).
fn event_hours(batch: &RecordBatch, records: &[Record], field: &str) -> Option<Vec<i64>> {
    let arrival = |i: usize| hour_number(arrival_time(records[i].arrival_ms));
    let Some(column) = batch.column_by_name(field) else {
        return Some((0..records.len()).map(arrival).collect());
    };
    let numeric = column.data_type().is_numeric();
    let column = cast(column, &DataType::Utf8).ok()?;
    let texts = column.as_any().downcast_ref::<StringArray>()?;
    (0..records.len())
        .map(|i| {
            if texts.is_null(i) {
                return Some(arrival(i));
            }
            let time = if numeric {
                parse_event_time(&Value::Number(texts.value(i).parse().ok()?))
            } else {
                parse_event_text(texts.value(i))
            };
            time.map(hour_number)
        })
        .collect()
}

/// The careful path: every record parsed on its own, the bad ones rejected with the reason.
fn convert_each(records: &[Record], table: Option<&Schema>, options: &ConvertOptions) -> Converted {
    let mut rejected = Vec::new();
    let mut good: Vec<(Value, i64)> = Vec::with_capacity(records.len());
    for record in records {
        match parse(record, options.max_record_bytes) {
            Ok(value) => {
                let hour = hour_number(event_time(
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
            batches: Vec::new(),
            rejected,
            partitions: 0,
        };
    }
    let partitions = distinct(good.iter().map(|(_, hour)| hour));
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
    Converted {
        batches: batch.into_iter().collect(),
        rejected,
        partitions,
    }
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

fn decode_all(good: &[(Value, i64)], schema: SchemaRef) -> (Option<RecordBatch>, Failures) {
    let values: Vec<&Value> = good.iter().map(|(v, _)| v).collect();
    match decode(&values, schema.clone()) {
        Ok(batch) => (
            Some(with_partitions(
                batch,
                &good.iter().map(|(_, hour)| *hour).collect::<Vec<_>>(),
            )),
            Vec::new(),
        ),
        Err(_) => decode_one_by_one(good, &schema),
    }
}

/// When the values cannot share one inferred schema, the table's schema (or the first
/// record's) decides, and the records that do not fit are rejected.
fn decode_each(good: &[(Value, i64)], table: Option<&Schema>) -> (Option<RecordBatch>, Failures) {
    let first = infer_json_schema_from_iterator(std::iter::once(Ok(&good[0].0)))
        .map(|s| extend(table, &s))
        .unwrap_or_else(|_| table.cloned().unwrap_or_else(Schema::empty));
    decode_one_by_one(good, &Arc::new(first))
}

fn decode_one_by_one(good: &[(Value, i64)], schema: &SchemaRef) -> (Option<RecordBatch>, Failures) {
    let mut batches = Vec::new();
    let mut hours = Vec::new();
    let mut failures = Vec::new();
    for (i, (value, hour)) in good.iter().enumerate() {
        match decode(&[value], schema.clone()) {
            Ok(batch) => {
                batches.push(batch);
                hours.push(*hour);
            }
            Err(e) => failures.push((i, format!("does not fit the table's schema: {e}"))),
        }
    }
    if batches.is_empty() {
        return (None, failures);
    }
    let batch = concat_batches(schema, &batches).expect("batches share the schema");
    (Some(with_partitions(batch, &hours)), failures)
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

/// How many different hour numbers `hours` holds.
fn distinct<'a>(hours: impl Iterator<Item = &'a i64>) -> usize {
    hours.collect::<HashSet<_>>().len()
}

/// `batch` with the partition columns of each row's [`hour_number`] appended.
fn with_partitions(batch: RecordBatch, hours: &[i64]) -> RecordBatch {
    let mut columns: [StringBuilder; 4] =
        std::array::from_fn(|_| StringBuilder::with_capacity(hours.len(), hours.len() * 4));
    // Neighbouring records mostly share their hour: format its values once.
    let mut current: Option<(i64, [String; 4])> = None;
    for &hour in hours {
        if current.as_ref().map(|(at, _)| *at) != Some(hour) {
            current = Some((hour, hour_partition_values(hour)));
        }
        let (_, values) = current.as_ref().expect("set above");
        for (column, value) in columns.iter_mut().zip(values) {
            column.append_value(value);
        }
    }
    let mut fields: Vec<FieldRef> = batch.schema().fields().iter().cloned().collect();
    let mut arrays: Vec<ArrayRef> = batch.columns().to_vec();
    for (name, mut column) in PARTITION_COLUMNS.iter().zip(columns) {
        fields.push(Arc::new(Field::new(*name, DataType::Utf8, false)));
        arrays.push(Arc::new(column.finish()));
    }
    RecordBatch::try_new(Arc::new(Schema::new(fields)), arrays).expect("columns match the fields")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(n: u64, payload: &str) -> Record {
        Record {
            sequence: n.into(),
            key: "k".into(),
            payload: payload.as_bytes().to_vec().into(),
            arrival_ms: 1_767_225_600_000,
        }
    }

    fn options() -> ConvertOptions {
        ConvertOptions {
            event_time_field: "timestamp".into(),
            max_record_bytes: 1_000,
        }
    }

    #[test]
    fn the_fast_path_gives_what_the_careful_path_gives() {
        let records: Vec<Record> = (0..50)
            .map(|n| {
                let time = match n % 3 {
                    0 => format!("\"2026-03-04T{:02}:15:00Z\"", n % 24),
                    1 => format!("\"2026-03-04 {:02}:15:00.250\"", n % 24),
                    _ => "null".to_owned(),
                };
                record(
                    n,
                    &format!(r#"{{"event_id": {n}, "timestamp": {time}, "tags": ["a"], "user": {{"id": "u{n}"}}}}"#),
                )
            })
            .collect();
        let (fast, partitions) =
            fast_convert(&records, None, &options()).expect("clean records go fast");
        let careful = convert_each(&records, None, &options());
        assert!(careful.rejected.is_empty());
        assert_eq!(fast, careful.batches);
        // 16 event hours, and the arrival hour of the records without a time.
        assert_eq!((partitions, careful.partitions), (17, 17));
    }

    #[test]
    fn anything_unusual_takes_the_careful_path() {
        let clean = r#"{"event_id": 1, "timestamp": "2026-03-04T05:15:00Z"}"#;
        for odd in [
            "not json",
            r#"{"event_id": 2}{"event_id": 3}"#,
            r#"{"event_id": "two"}"#,
            r#"{"event_id": 2, "new_field": true}"#,
            r#"{"event_id": 2, "timestamp": "yesterday"}"#,
            r#"[1, 2]"#,
        ] {
            // 3000 records: the sample takes every third, so the last one is not in it.
            let mut records: Vec<Record> = (0..2_999).map(|n| record(n, clean)).collect();
            records.push(record(2_999, odd));
            assert!(fast_convert(&records, None, &options()).is_none(), "{odd}");
            let careful = convert(&records, None, &options());
            assert_eq!(rows(&careful.batches) + careful.rejected.len(), 3_000);
        }
    }

    fn rows(batches: &[RecordBatch]) -> usize {
        batches.iter().map(RecordBatch::num_rows).sum()
    }

    #[test]
    fn a_large_buffer_decoded_in_slices_equals_the_careful_path() {
        let clean = |n: u64| {
            record(
                n,
                &format!(
                    r#"{{"event_id": {n}, "timestamp": "2026-03-04T{:02}:15:00Z"}}"#,
                    n % 24
                ),
            )
        };
        let mut records: Vec<Record> = (0..50_000).map(clean).collect();
        let (fast, partitions) =
            fast_convert(&records, None, &options()).expect("clean records go fast");
        assert_eq!(partitions, 24);
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        assert_eq!(fast.len(), cores.min(2));
        let careful = convert_each(&records, None, &options());
        let schema = careful.batches[0].schema();
        assert_eq!(concat_batches(&schema, &fast).unwrap(), careful.batches[0]);

        // A record that does not fit the table, in the last slice and not in the sample,
        // sends the buffer to the careful path, which rejects just that one.
        let table = Schema::new(vec![
            Field::new("event_id", DataType::Int64, true),
            Field::new("timestamp", DataType::Utf8, true),
        ]);
        records[49_999] = record(49_999, r#"{"event_id": "forty-nine thousand"}"#);
        assert!(fast_convert(&records, Some(&table), &options()).is_none());
        let careful = convert(&records, Some(&table), &options());
        assert_eq!(careful.rejected.len(), 1);
        assert_eq!(rows(&careful.batches), 49_999);
    }
}
