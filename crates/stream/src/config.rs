//! Choosing and configuring a backend, and opening a stream with it.

use std::path::PathBuf;
use std::time::Duration;

use crate::embedded::EmbeddedStream;
use crate::error::StreamError;
#[cfg(feature = "kinesis")]
use crate::kinesis::KinesisStream;
use crate::nats::NatsStream;
use crate::stream::Stream;

/// Which backend keeps a stream: the spec's own enum, so the names are spelled once.
pub use lakeforge_spec::StreamBackend;

/// When the embedded log forces appended records to stable storage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FsyncPolicy {
    /// Before acknowledging each append (concurrent appends share one fsync):
    /// an acknowledged record survives a process kill and a power loss.
    Always,
    /// At most this long after a record is written, in the background. A
    /// process kill loses nothing acknowledged; a power loss may lose the
    /// last interval.
    Interval(Duration),
    /// Never; the operating system writes back when it likes. A process kill
    /// loses nothing acknowledged; a power loss may lose recent records.
    Never,
}

/// How to open a stream: the backend and its settings. Fields that do not
/// apply to the chosen backend are ignored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StreamConfig {
    /// Which backend.
    pub backend: StreamBackend,
    /// Embedded: the project root; the log lives in `<root>/.lakeforge/streams/<name>/`.
    pub root: PathBuf,
    /// NATS: the server URL; `None` means [`StreamConfig::DEFAULT_NATS_URL`].
    /// Kinesis: the endpoint override (`http://127.0.0.1:4567` for a local
    /// server); `None` means the regional AWS endpoint.
    pub url: Option<String>,
    /// Shards of a new stream (at least 1). Embedded: records go to shard
    /// `MD5(key)` scaled into `shard_count` equal ranges, each shard its own
    /// log; an existing stream must be reopened with the count it was created
    /// with. Kinesis: the `ShardCount` of `CreateStream`; an existing stream
    /// keeps the shards it has. NATS: must be 1.
    pub shard_count: u32,
    /// How long records are kept; `None` keeps them forever. The embedded log
    /// deletes whole segments whose newest record is older; NATS sets the
    /// stream's `max_age`.
    pub retention: Option<Duration>,
    /// Embedded: when appends are forced to disk.
    pub fsync: FsyncPolicy,
    /// Embedded: a segment file is closed and a new one started once it would
    /// grow past this many bytes.
    pub segment_bytes: u64,
}

impl StreamConfig {
    /// The NATS server used when [`StreamConfig::url`] is `None`.
    pub const DEFAULT_NATS_URL: &'static str = "nats://127.0.0.1:4222";
    /// The default retention: 24 hours, as Kinesis.
    pub const DEFAULT_RETENTION: Duration = Duration::from_secs(24 * 3600);
    /// The default segment size: 64 MiB.
    pub const DEFAULT_SEGMENT_BYTES: u64 = 64 << 20;

    /// The embedded backend under `root`, with fsync on every append, 24 h
    /// retention and 64 MiB segments.
    pub fn embedded(root: impl Into<PathBuf>) -> Self {
        StreamConfig {
            backend: StreamBackend::Embedded,
            root: root.into(),
            url: None,
            shard_count: 1,
            retention: Some(Self::DEFAULT_RETENTION),
            fsync: FsyncPolicy::Always,
            segment_bytes: Self::DEFAULT_SEGMENT_BYTES,
        }
    }

    /// The Kinesis backend with one shard for new streams and 24 h retention,
    /// at `endpoint` (e.g. a local server), or at the regional AWS endpoint
    /// when `None`. Credentials and region come from the standard AWS chain;
    /// checkpoints are kept under `root` (see [`crate::KinesisStream`]).
    pub fn kinesis(root: impl Into<PathBuf>, endpoint: Option<String>) -> Self {
        StreamConfig {
            backend: StreamBackend::Kinesis,
            url: endpoint,
            ..StreamConfig::embedded(root)
        }
    }

    /// The NATS backend at `url`, with 24 h retention.
    pub fn nats(url: impl Into<String>) -> Self {
        StreamConfig {
            backend: StreamBackend::Nats,
            url: Some(url.into()),
            ..StreamConfig::embedded(".")
        }
    }
}

/// Opens (creating if missing) the stream `name` with the configured backend.
pub async fn open_stream(
    name: &str,
    config: &StreamConfig,
) -> Result<Box<dyn Stream>, StreamError> {
    match config.backend {
        StreamBackend::Embedded => Ok(Box::new(EmbeddedStream::open(name, config).await?)),
        StreamBackend::Nats => Ok(Box::new(NatsStream::connect(name, config).await?)),
        #[cfg(feature = "kinesis")]
        StreamBackend::Kinesis => Ok(Box::new(KinesisStream::open(name, config).await?)),
        #[cfg(not(feature = "kinesis"))]
        StreamBackend::Kinesis => Err(StreamError::Unsupported {
            backend: StreamBackend::Kinesis.as_str(),
            stream: name.to_owned(),
        }),
    }
}
