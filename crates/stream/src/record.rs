//! The records that go into and come out of a stream, and where reading starts.

use bytes::Bytes;

use crate::sequence::{Sequence, ShardId};

/// A record to append: a partition key and an opaque payload.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewRecord {
    /// The partition key (1 to [`crate::MAX_KEY_CHARS`] characters). Backends with
    /// several shards use it to choose the shard; all backends store it.
    pub key: String,
    /// The payload bytes (key plus payload at most [`crate::MAX_RECORD_BYTES`]).
    pub payload: Bytes,
}

impl NewRecord {
    /// A record with the given key and payload.
    pub fn new(key: impl Into<String>, payload: impl Into<Bytes>) -> Self {
        NewRecord {
            key: key.into(),
            payload: payload.into(),
        }
    }
}

/// A stored record, as read back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// Its position in its shard.
    pub sequence: Sequence,
    /// The partition key it was appended with.
    pub key: String,
    /// The payload it was appended with.
    pub payload: Bytes,
    /// When the stream accepted it, in milliseconds since the Unix epoch (the
    /// embedded writer's clock, the NATS server's, or Kinesis' approximate
    /// arrival timestamp).
    pub arrival_ms: u64,
}

/// Where an appended record landed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Appended {
    /// The shard it went to.
    pub shard: ShardId,
    /// Its sequence within that shard.
    pub sequence: Sequence,
}

/// Where a reader starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StartPosition {
    /// The oldest record still retained.
    Earliest,
    /// Just after the newest record at the time the reader is opened: the
    /// reader sees only records appended afterwards.
    Latest,
    /// Just after the given sequence (a consumer's checkpoint). If that part of
    /// the shard has expired, reading starts at the oldest retained record.
    After(Sequence),
}

impl StartPosition {
    /// Where a consumer resumes: after its checkpoint, or from the earliest
    /// record when it has none.
    pub fn resume(checkpoint: Option<Sequence>) -> Self {
        checkpoint.map_or(StartPosition::Earliest, StartPosition::After)
    }
}
