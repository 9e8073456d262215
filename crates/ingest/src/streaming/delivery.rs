//! The delivery loop: read, buffer, convert, land — position and data in one Delta commit.
//!
//! Exactly once: each Delta commit carries the application transaction
//! (`lakeforge-streaming/<id>/<shard>`) whose version counts the shard's records consumed,
//! and a position object beside the table maps that count to a stream sequence (see
//! [`super::position`]). Rejected records are written, before the commit, to objects named
//! by their sequence, so a replay after a crash rewrites the same objects. A crash at any
//! point therefore neither loses nor duplicates a record.
//!
//! The shards of a stream are read concurrently (each with its own buffer and position);
//! their commits take turns. Each shard is read one buffer ahead of its delivery (see
//! [`super::read_ahead`]); a large buffer is decoded on every core, and the table
//! partitions of a commit are written concurrently.

use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use lakeforge_lake::datafusion::arrow::datatypes::SchemaRef;
use lakeforge_lake::{Lake, LakeError, TableRef, WriteMode, WriteOptions};
use lakeforge_spec::StreamingIngestion;
use lakeforge_stream::{Record, ShardId, StartPosition, Stream, StreamError};
use serde::Serialize;

use super::buffer::Buffer;
use super::convert::{ConvertOptions, convert};
use super::errors::write_rejected;
use super::event_time::PARTITION_COLUMNS;
use super::position::{self, Resume, ShardPosition};
use super::read_ahead;

/// Fewer rows than this per partition file on average, and the files are written without
/// dictionary pages: a dictionary's set-up cost per column and file outweighs what it saves
/// in small files (see [`WriteOptions::plain_encoding`]).
const DICTIONARY_MIN_ROWS: u64 = 2_000;

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
    /// More records than a Delta transaction version counts (2^63).
    #[error("shard {0} has more records than a Delta transaction version counts")]
    Ordinal(ShardId),
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
    /// The table's schema after this delivery's last commit.
    schema: Mutex<Option<SchemaRef>>,
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
            schema: Mutex::new(None),
        })
    }

    /// The destination table.
    pub fn table(&self) -> &TableRef {
        &self.table
    }

    /// The destination table's schema after the last commit this delivery made (none before
    /// its first).
    pub fn committed_schema(&self) -> Option<SchemaRef> {
        self.schema.lock().ok()?.clone()
    }

    /// The lake it delivers into.
    pub fn lake(&self) -> &Lake {
        &self.lake
    }

    /// Runs the delivery; `progress` is called after every delivery of the buffer.
    pub async fn run(
        &self,
        mode: &DeliveryMode,
        progress: &(dyn Fn(&DeliveryProgress) + Sync),
    ) -> Result<DeliverySummary, DeliveryError> {
        let shared = Shared {
            started: Instant::now(),
            counters: Mutex::new(DeliveryProgress::default()),
            commits: tokio::sync::Mutex::new(()),
            progress,
        };
        let shards = self.stream.shards().await?;
        futures::future::try_join_all(
            shards
                .iter()
                .map(|shard| self.run_shard(shard, mode, &shared)),
        )
        .await?;
        let mut summary = shared.counters.into_inner().expect("not poisoned");
        summary.elapsed_seconds = shared.started.elapsed().as_secs_f64();
        Ok(summary)
    }

    fn app_id(&self, shard: &ShardId) -> String {
        format!("lakeforge-streaming/{}/{}", self.id, shard.as_str())
    }

    fn consumer(&self) -> String {
        format!("delivery-{}", self.id)
    }

    /// Where delivery resumes: after the newer of the table's and the stream's record of it.
    async fn resume(&self, shard: &ShardId) -> Result<Resume, DeliveryError> {
        let in_table = self
            .lake
            .app_version(&self.table, &self.app_id(shard))
            .await?
            .and_then(|v| u64::try_from(v).ok())
            .unwrap_or(0);
        let saved = position::read(&self.lake, &self.table, &self.id, shard).await?;
        Ok(Resume::new(in_table, saved))
    }

    async fn run_shard(
        &self,
        shard: &ShardId,
        mode: &DeliveryMode,
        shared: &Shared<'_>,
    ) -> Result<(), DeliveryError> {
        let resume = self.resume(shard).await?;
        let reader = self
            .stream
            .open_reader(shard, StartPosition::resume(resume.after.clone()))
            .await?;
        let buffer = Buffer::new(self.buffer_bytes, self.buffer_interval);
        let (mut filled, reading) = read_ahead::spawn(reader, resume, mode.clone(), buffer);
        let delivered = async {
            while let Some(next) = filled.recv().await {
                let next = next?;
                self.deliver(shard, next.records, next.ordinal, shared)
                    .await?;
            }
            Ok(())
        }
        .await;
        reading.abort();
        delivered
    }

    /// Lands `records`, the last of which is the shard's `ordinal`-th: good ones in one
    /// Delta commit with the shard's transaction, bad ones in the error output; then saves
    /// the position.
    async fn deliver(
        &self,
        shard: &ShardId,
        records: Vec<Record>,
        ordinal: u64,
        shared: &Shared<'_>,
    ) -> Result<(), DeliveryError> {
        let Some(last) = records.last().map(|r| r.sequence.clone()) else {
            return Ok(());
        };
        shared.count(records.len(), records.iter().map(|r| r.payload.len()).sum());
        let newest_arrival = records.iter().map(|r| r.arrival_ms).max().unwrap_or(0);
        let version = i64::try_from(ordinal).map_err(|_| DeliveryError::Ordinal(shard.clone()))?;
        let (mut delivered, mut commits) = (0, 0);
        let rejected = {
            // Commits take turns: a schema read, the conversion against it and the commit
            // that may evolve it belong together.
            let _turn = shared.commits.lock().await;
            let table_schema = self.lake.table_schema(&self.table).await?.map(|schema| {
                let data_fields: Vec<_> = schema
                    .fields()
                    .iter()
                    .filter(|f| !PARTITION_COLUMNS.contains(&f.name().as_str()))
                    .cloned()
                    .collect();
                lakeforge_lake::datafusion::arrow::datatypes::Schema::new(data_fields)
            });
            let converting = Instant::now();
            let converted = convert(&records, table_schema.as_ref(), &self.convert);
            let convert_ms = converting.elapsed().as_millis();
            let rejected =
                write_rejected(&self.lake, &self.table, shard, &converted.rejected).await?;
            if !converted.batches.is_empty() {
                delivered = converted.batches.iter().map(|b| b.num_rows() as u64).sum();
                let options = WriteOptions {
                    mode: WriteMode::Append,
                    partition_by: PARTITION_COLUMNS.iter().map(|c| c.to_string()).collect(),
                    app_transaction: Some((self.app_id(shard), version)),
                    plain_encoding: delivered < DICTIONARY_MIN_ROWS * converted.partitions as u64,
                };
                let writing = Instant::now();
                let written = self
                    .lake
                    .write_batches(&self.table, converted.batches, &options)
                    .await?;
                if let (Ok(state), Ok(mut schema)) = (written.snapshot(), self.schema.lock()) {
                    *schema = Some(state.snapshot().arrow_schema());
                }
                commits = 1;
                tracing::debug!(
                    shard = shard.as_str(),
                    records = records.len(),
                    convert_ms,
                    write_ms = writing.elapsed().as_millis(),
                    "delivered a buffer"
                );
            }
            rejected as u64
        };
        // Freeing a buffer of records one by one takes a while: not on the delivery's path.
        tokio::task::spawn_blocking(move || drop(records));
        let saved = ShardPosition {
            ordinal,
            sequence: Some(last.to_string()),
        };
        position::write(&self.lake, &self.table, &self.id, shard, &saved).await?;
        self.stream.commit(&self.consumer(), shard, &last).await?;
        let now_ms = chrono::Utc::now().timestamp_millis().max(0) as u64;
        shared.delivered(
            delivered,
            rejected,
            commits,
            now_ms.saturating_sub(newest_arrival),
        );
        Ok(())
    }
}

/// What the shards of one run share: counters, the turn to commit, progress reporting.
struct Shared<'a> {
    started: Instant,
    counters: Mutex<DeliveryProgress>,
    commits: tokio::sync::Mutex<()>,
    progress: &'a (dyn Fn(&DeliveryProgress) + Sync),
}

impl Shared<'_> {
    /// Counts records read.
    fn count(&self, records: usize, bytes: usize) {
        let mut counters = self.counters.lock().expect("not poisoned");
        counters.records += records as u64;
        counters.bytes += bytes as u64;
    }

    /// Counts a landed batch and reports progress.
    fn delivered(&self, delivered: u64, rejected: u64, commits: u64, lag_ms: u64) {
        let snapshot = {
            let mut counters = self.counters.lock().expect("not poisoned");
            counters.delivered += delivered;
            counters.rejected += rejected;
            counters.commits += commits;
            counters.lag_ms = lag_ms;
            counters.elapsed_seconds = self.started.elapsed().as_secs_f64();
            counters.clone()
        };
        (self.progress)(&snapshot);
    }
}
