//! The delivery loop: read, buffer, convert, land — position and data in one Delta commit.
//!
//! Exactly once: each Delta commit carries the application transaction
//! (`lakeforge-streaming/<id>/<shard>`, last sequence delivered). On start the delivery
//! resumes after the larger of that version and the stream consumer's checkpoint (which is
//! written after the commit, and alone records batches that held only rejected records).
//! Rejected records are written, before the commit, to objects named by their sequence, so a
//! replay after a crash rewrites the same objects. A crash at any point therefore neither
//! loses nor duplicates a record.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use lakeforge_lake::{Lake, LakeError, TableRef, WriteMode, WriteOptions};
use lakeforge_spec::StreamingIngestion;
use lakeforge_stream::{Record, Sequence, ShardId, StartPosition, Stream, StreamError};
use serde::Serialize;

use super::buffer::Buffer;
use super::convert::{ConvertOptions, convert};
use super::errors::write_rejected;
use super::event_time::PARTITION_COLUMNS;

/// Records asked for per read.
const READ_BATCH: usize = 10_000;
/// Longest wait for new records in follow mode before checking the buffer and the stop flag.
const TAIL_WAIT: Duration = Duration::from_millis(500);

/// When a delivery run ends.
#[derive(Clone, Debug)]
pub enum DeliveryMode {
    /// Deliver everything in the stream now, then stop.
    UntilCaughtUp,
    /// Keep delivering new records until `stop` is set; then deliver the buffer and stop.
    Follow {
        /// Set (e.g. on Ctrl-C) to end the run.
        stop: Arc<AtomicBool>,
    },
}

/// Counters of a delivery run, reported as it goes and at the end.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DeliveryProgress {
    /// Records read from the stream.
    pub records: u64,
    /// Records written to the table.
    pub delivered: u64,
    /// Records written to the error output.
    pub rejected: u64,
    /// Payload bytes read.
    pub bytes: u64,
    /// Delta commits made.
    pub commits: u64,
    /// Age of the newest delivered record when it was delivered, in milliseconds.
    pub lag_ms: u64,
    /// Seconds since the run started.
    pub elapsed_seconds: f64,
}

/// The counters at the end of a run.
pub type DeliverySummary = DeliveryProgress;

/// What can stop a delivery.
#[derive(Debug, thiserror::Error)]
pub enum DeliveryError {
    /// Reading the stream or committing its checkpoint failed.
    #[error("stream: {0}")]
    Stream(#[from] StreamError),
    /// Writing the table failed.
    #[error("lake: {0}")]
    Lake(#[from] LakeError),
    /// Writing the error output failed.
    #[error("error output: {0}")]
    ErrorOutput(#[from] object_store::Error),
    /// The destination prefix cannot name a table.
    #[error("streaming.{id}: destination prefix `{prefix}` is not a table name: {reason}")]
    Destination {
        /// The construct id.
        id: String,
        /// The prefix.
        prefix: String,
        /// Why.
        reason: String,
    },
    /// The backend's sequence numbers cannot be recorded in a Delta transaction.
    #[error("sequence {0} does not fit the Delta transaction version (a 63-bit integer)")]
    Sequence(Sequence),
}

/// A `[streaming.<id>]` construct, ready to run.
pub struct StreamingDelivery {
    id: String,
    lake: Lake,
    table: TableRef,
    stream: Box<dyn Stream>,
    convert: ConvertOptions,
    buffer_bytes: usize,
    buffer_interval: Duration,
}

impl StreamingDelivery {
    /// Prepares the delivery of `[streaming.<id>]` from `stream` into its destination table
    /// (`<project>.<zone>.<prefix>`; `/` and `-` in the prefix become `_`).
    pub fn new(
        id: &str,
        ingestion: &StreamingIngestion,
        lake: Lake,
        stream: Box<dyn Stream>,
    ) -> Result<Self, DeliveryError> {
        let destination = &ingestion.destination;
        let prefix = destination.effective_prefix(id);
        let name = prefix.trim_matches('/').replace(['/', '-'], "_");
        let table = TableRef::new(&destination.project, destination.zone, &name).map_err(|e| {
            DeliveryError::Destination {
                id: id.to_string(),
                prefix: prefix.to_string(),
                reason: e.to_string(),
            }
        })?;
        Ok(Self {
            id: id.to_string(),
            lake,
            table,
            stream,
            convert: ConvertOptions {
                event_time_field: ingestion.event_time_field.clone(),
                max_record_bytes: ingestion.max_record_bytes as usize,
            },
            buffer_bytes: ingestion.buffer_size_mb as usize * 1024 * 1024,
            buffer_interval: Duration::from_secs(u64::from(ingestion.buffer_interval_seconds)),
        })
    }

    /// The destination table.
    pub fn table(&self) -> &TableRef {
        &self.table
    }

    /// Runs the delivery; `progress` is called after every delivery of the buffer.
    pub async fn run(
        &self,
        mode: &DeliveryMode,
        progress: &(dyn Fn(&DeliveryProgress) + Sync),
    ) -> Result<DeliverySummary, DeliveryError> {
        let started = Instant::now();
        let mut counters = DeliveryProgress::default();
        for shard in self.stream.shards().await? {
            self.run_shard(&shard, mode, &mut counters, started, progress)
                .await?;
        }
        counters.elapsed_seconds = started.elapsed().as_secs_f64();
        Ok(counters)
    }

    fn app_id(&self, shard: &ShardId) -> String {
        format!("lakeforge-streaming/{}/{}", self.id, shard.as_str())
    }

    fn consumer(&self) -> String {
        format!("delivery-{}", self.id)
    }

    /// Where delivery resumes: after the newer of the table's and the stream's record of it.
    async fn resume_after(&self, shard: &ShardId) -> Result<Option<Sequence>, DeliveryError> {
        let in_table = self
            .lake
            .app_version(&self.table, &self.app_id(shard))
            .await?
            .and_then(|v| u64::try_from(v).ok())
            .map(Sequence::from);
        let in_stream = self.stream.checkpoint(&self.consumer(), shard).await?;
        Ok(in_table.max(in_stream))
    }

    async fn run_shard(
        &self,
        shard: &ShardId,
        mode: &DeliveryMode,
        counters: &mut DeliveryProgress,
        started: Instant,
        progress: &(dyn Fn(&DeliveryProgress) + Sync),
    ) -> Result<(), DeliveryError> {
        let start = StartPosition::resume(self.resume_after(shard).await?);
        let mut reader = self.stream.open_reader(shard, start).await?;
        let mut buffer = Buffer::new(self.buffer_bytes, self.buffer_interval);
        loop {
            let records = match mode {
                DeliveryMode::UntilCaughtUp => reader.read(READ_BATCH).await?,
                DeliveryMode::Follow { .. } => {
                    let wait = buffer
                        .time_left()
                        .clamp(Duration::from_millis(1), TAIL_WAIT);
                    reader.tail(READ_BATCH, wait).await?
                }
            };
            let caught_up = records.is_empty();
            for record in records {
                counters.records += 1;
                counters.bytes += record.payload.len() as u64;
                buffer.push(record);
                if buffer.is_due() {
                    self.deliver(shard, buffer.take(), counters).await?;
                    counters.elapsed_seconds = started.elapsed().as_secs_f64();
                    progress(counters);
                }
            }
            let stopping = match mode {
                DeliveryMode::UntilCaughtUp => caught_up,
                DeliveryMode::Follow { stop } => stop.load(Ordering::SeqCst),
            };
            if !buffer.is_empty() && (stopping || buffer.is_due()) {
                self.deliver(shard, buffer.take(), counters).await?;
                counters.elapsed_seconds = started.elapsed().as_secs_f64();
                progress(counters);
            }
            if stopping {
                return Ok(());
            }
        }
    }

    /// Lands one buffer: rejected records to the error output, the rest in one Delta commit
    /// that also records the last sequence; then the stream checkpoint.
    async fn deliver(
        &self,
        shard: &ShardId,
        records: Vec<Record>,
        counters: &mut DeliveryProgress,
    ) -> Result<(), DeliveryError> {
        let Some(last) = records.last().map(|r| r.sequence.clone()) else {
            return Ok(());
        };
        let newest_arrival = records.iter().map(|r| r.arrival_ms).max().unwrap_or(0);
        let table_schema = self.lake.table_schema(&self.table).await?.map(|schema| {
            let data_fields: Vec<_> = schema
                .fields()
                .iter()
                .filter(|f| !PARTITION_COLUMNS.contains(&f.name().as_str()))
                .cloned()
                .collect();
            lakeforge_lake::datafusion::arrow::datatypes::Schema::new(data_fields)
        });
        let converted = convert(&records, table_schema.as_ref(), &self.convert);
        counters.rejected +=
            write_rejected(&self.lake, &self.table, shard, &converted.rejected).await? as u64;
        if let Some(batch) = converted.batch {
            let version = last
                .as_u64()
                .and_then(|v| i64::try_from(v).ok())
                .ok_or_else(|| DeliveryError::Sequence(last.clone()))?;
            counters.delivered += batch.num_rows() as u64;
            let options = WriteOptions {
                mode: WriteMode::Append,
                partition_by: PARTITION_COLUMNS.iter().map(|c| c.to_string()).collect(),
                app_transaction: Some((self.app_id(shard), version)),
            };
            self.lake
                .write_batches(&self.table, vec![batch], &options)
                .await?;
            counters.commits += 1;
        }
        self.stream.commit(&self.consumer(), shard, &last).await?;
        let now_ms = chrono::Utc::now().timestamp_millis().max(0) as u64;
        counters.lag_ms = now_ms.saturating_sub(newest_arrival);
        Ok(())
    }
}
