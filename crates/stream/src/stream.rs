//! The stream interface that every backend implements.

use std::time::Duration;

use async_trait::async_trait;

use crate::error::StreamError;
use crate::record::{Appended, NewRecord, Record, StartPosition};
use crate::sequence::{Sequence, ShardId};

/// An ordered, durable log of keyed records, split into one or more shards,
/// with named consumers that each keep their own checkpoint per shard.
///
/// Appends are acknowledged with the record's shard and sequence once the
/// backend has accepted them (for the embedded log with
/// [`crate::FsyncPolicy::Always`], once they are on disk). Within a shard,
/// sequences increase in append order. Share one handle between tasks with
/// `Arc<dyn Stream>`: appends from several tasks are serialized safely.
#[async_trait]
pub trait Stream: Send + Sync {
    /// The stream's name.
    fn name(&self) -> &str;

    /// The ids of the stream's shards: `shard_count` of them for the embedded
    /// backend (`"0"`, `"1"`, …), one (`"0"`) for NATS, and for Kinesis those
    /// the service lists (`shardId-000000000000`, …), closed ones included
    /// while they still hold records.
    async fn shards(&self) -> Result<Vec<ShardId>, StreamError>;

    /// Appends one record and returns where it landed.
    async fn append(&self, record: NewRecord) -> Result<Appended, StreamError> {
        let mut appended = self.append_batch(vec![record]).await?;
        appended.pop().ok_or_else(|| StreamError::Closed {
            stream: self.name().to_owned(),
        })
    }

    /// Appends records in order and returns where each landed, in the same
    /// order. The fast path for bulk producers. On error, part of the batch
    /// may have been stored (at-least-once, as with Kinesis `PutRecords`):
    /// with one shard a prefix of it, with several shards a prefix of each
    /// shard's records.
    async fn append_batch(&self, records: Vec<NewRecord>) -> Result<Vec<Appended>, StreamError>;

    /// Opens a reader over one shard, positioned at `from`.
    async fn open_reader(
        &self,
        shard: &ShardId,
        from: StartPosition,
    ) -> Result<Box<dyn StreamReader>, StreamError>;

    /// Durably records that `consumer` has processed `shard` up to and
    /// including `sequence`. Any position up to the newest record may be
    /// committed, including one before the previous checkpoint (a rewind).
    async fn commit(
        &self,
        consumer: &str,
        shard: &ShardId,
        sequence: &Sequence,
    ) -> Result<(), StreamError>;

    /// The last position `consumer` committed for `shard`, or `None` if it
    /// never committed one. Resume with [`StartPosition::resume`].
    async fn checkpoint(
        &self,
        consumer: &str,
        shard: &ShardId,
    ) -> Result<Option<Sequence>, StreamError>;
}

/// A cursor over one shard that returns records in sequence order, each once.
#[async_trait]
pub trait StreamReader: Send {
    /// Returns up to `max_records` of the records already in the shard after
    /// the cursor, without waiting for new ones (empty when caught up), and
    /// moves the cursor past them.
    async fn read(&mut self, max_records: usize) -> Result<Vec<Record>, StreamError>;

    /// Like [`StreamReader::read`], but when caught up waits up to `timeout`
    /// for new records; returns an empty batch if none arrived in time.
    async fn tail(
        &mut self,
        max_records: usize,
        timeout: Duration,
    ) -> Result<Vec<Record>, StreamError>;
}
