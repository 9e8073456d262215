//! `[streaming.<id>]`: stream → buffered, partitioned files (the seed's StreamingIngestion).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::destination::Destination;
use crate::setters::setter;
use crate::string_enum::string_enum;

string_enum! {
    /// File format written by a streaming ingestion.
    #[derive(Default)]
    pub enum OutputFormat ("output format") {
        /// JSON converted to Parquet, schema inferred and evolved.
        #[default]
        Parquet = "parquet",
        /// Newline-delimited JSON as received.
        Json = "json",
    }
}

/// `[streaming.<id>]`: Firehose semantics: records of `source_stream` are
/// buffered by size and interval and written under
/// `prefix/year=YYYY/month=MM/day=DD/hour=HH/` in the destination zone; bad
/// records go to an error prefix.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StreamingIngestion {
    /// The `[streams.<name>]` to read (required).
    pub source_stream: String,
    /// Where files land (required: at least `project`).
    pub destination: Destination,
    /// Flush at least this often, in seconds (0 to 900).
    pub buffer_interval_seconds: u32,
    /// Flush when this many MiB are buffered (1 to 128).
    pub buffer_size_mb: u32,
    /// File format.
    pub output_format: OutputFormat,
    /// Record field holding the event time used for partitioning.
    pub event_time_field: String,
    /// Largest accepted record in bytes (1 to 1 024 000, Firehose's limit); larger ones go to the error prefix.
    pub max_record_bytes: u32,
    /// The records' schema, column name → Glue (Hive) type:
    /// `columns = { event_id = "bigint", ts = "timestamp", tags = "array<string>" }`.
    /// On AWS it becomes the Glue table Firehose converts JSON to Parquet with
    /// (JSON keys match names case-insensitively; absent keys are null); the
    /// simulator's clickstream schema when empty and the stream is the
    /// simulator's. Locally the schema is inferred and evolves instead.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub columns: BTreeMap<String, String>,
}

impl Default for StreamingIngestion {
    fn default() -> Self {
        Self {
            source_stream: String::new(),
            destination: Destination::default(),
            buffer_interval_seconds: 300,
            buffer_size_mb: 5,
            output_format: OutputFormat::Parquet,
            event_time_field: "timestamp".to_owned(),
            max_record_bytes: 1_000_000,
            columns: BTreeMap::new(),
        }
    }
}

impl StreamingIngestion {
    /// An ingestion of `source_stream` into `destination`, other settings at their defaults.
    pub fn new(source_stream: impl Into<String>, destination: Destination) -> Self {
        Self {
            source_stream: source_stream.into(),
            destination,
            ..Self::default()
        }
    }

    setter!(source_stream: into String);
    setter!(destination: Destination);
    setter!(buffer_interval_seconds: u32);
    setter!(buffer_size_mb: u32);
    setter!(output_format: OutputFormat);
    setter!(event_time_field: into String);
    setter!(max_record_bytes: u32);

    /// Adds (or replaces) one column of the records' schema.
    #[must_use]
    pub fn column(mut self, name: impl Into<String>, glue_type: impl Into<String>) -> Self {
        self.columns.insert(name.into(), glue_type.into());
        self
    }
}

/// The record schema of a streaming ingestion, and where it comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StreamSchema {
    /// (column name, Glue type), in table order.
    pub columns: Vec<(String, String)>,
    /// Where the columns come from.
    pub origin: SchemaOrigin,
}

/// Where a [`StreamSchema`] comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SchemaOrigin {
    /// The ingestion's `columns` (in name order).
    Declared,
    /// The simulator's clickstream ([`crate::CLICKSTREAM_COLUMNS`]), since the
    /// simulator writes the ingestion's stream.
    Simulator,
}
