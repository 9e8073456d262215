//! The lakeforge *stream*: an ordered, durable log of keyed records with named
//! consumers, behind one interface ([`Stream`]) and several backends.
//!
//! * [`EmbeddedStream`] (the default): an append-only, CRC-framed, segmented log
//!   under `<root>/.lakeforge/streams/<name>/`. No server needed. With
//!   [`StreamConfig::shard_count`] > 1, one such log per shard, records placed
//!   by MD5 of their partition key exactly as Kinesis places them.
//! * [`NatsStream`]: a NATS JetStream stream (`lakeforge-<name>`, subject
//!   `lakeforge.<name>`), with checkpoints in a JetStream key-value bucket.
//!   One shard; a `shard_count` other than 1 is refused.
//! * `KinesisStream` (feature `kinesis`, on by default): an Amazon Kinesis
//!   Data Streams stream through the AWS SDK for Rust, created with
//!   `shard_count` shards if missing; [`StreamConfig::url`] overrides the
//!   endpoint, credentials and region come from the standard AWS chain, and
//!   checkpoints are files under `<root>/.lakeforge/kinesis/<name>/` (Kinesis
//!   keeps none). Built without the feature, opening a Kinesis stream returns
//!   [`StreamError::Unsupported`].
//!
//! Every backend is created on open if missing, orders records per shard
//! (sequences increase in append order; records with the same partition key
//! share a shard), and keeps a checkpoint per (consumer, shard). Sequences are
//! 1, 2, 3, … per shard for the embedded and NATS backends and Kinesis
//! sequence numbers (increasing, with gaps, beyond `u64`) for Kinesis.
//!
//! ```no_run
//! # async fn demo() -> Result<(), lakeforge_stream::StreamError> {
//! use lakeforge_stream::{open_stream, NewRecord, StartPosition, StreamConfig};
//!
//! let stream = open_stream("clicks", &StreamConfig::embedded(".")).await?;
//! let appended = stream.append(NewRecord::new("user-1", "{\"action\":\"view\"}")).await?;
//! let mut reader = stream.open_reader(&appended.shard, StartPosition::Earliest).await?;
//! let records = reader.read(1000).await?;
//! stream.commit("delivery", &appended.shard, &records[0].sequence).await?;
//! # Ok(()) }
//! ```

#![warn(missing_docs)]

mod config;
mod embedded;
mod error;
#[cfg(feature = "kinesis")]
mod kinesis;
mod nats;
mod partition;
mod record;
mod sequence;
mod stream;
#[cfg(feature = "test-support")]
pub mod testing;
mod validate;

pub use config::{FsyncPolicy, StreamBackend, StreamConfig, open_stream};
pub use embedded::EmbeddedStream;
pub use error::{KinesisErrorKind, StreamError};
#[cfg(feature = "kinesis")]
pub use kinesis::KinesisStream;
pub use nats::NatsStream;
pub use record::{Appended, NewRecord, Record, StartPosition};
pub use sequence::{Sequence, ShardId};
pub use stream::{Stream, StreamReader};
pub use validate::{MAX_KEY_CHARS, MAX_NAME_LEN, MAX_RECORD_BYTES};
