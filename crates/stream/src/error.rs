//! The one error type of this crate.

use std::path::PathBuf;

/// Everything that can go wrong opening, appending to, reading or
/// checkpointing a stream. Each message says what failed, where, and how to
/// fix it.
#[derive(Debug, thiserror::Error)]
pub enum StreamError {
    /// A stream or consumer name has characters or a length that not every
    /// backend accepts.
    #[error(
        "invalid {kind} name {name:?}: use 1 to {max} characters from A-Z, a-z, 0-9, '_' and '-'",
        max = crate::validate::MAX_NAME_LEN
    )]
    InvalidName {
        /// What was being named: "stream" or "consumer".
        kind: &'static str,
        /// The rejected name.
        name: String,
    },

    /// A record breaks the limits shared by all backends (key length, size).
    #[error("invalid record: {reason}")]
    InvalidRecord {
        /// What is wrong and the limit.
        reason: String,
    },

    /// A sequence could not be parsed or does not belong to this stream.
    #[error("invalid sequence {value:?}: {reason}")]
    InvalidSequence {
        /// The sequence as given.
        value: String,
        /// Why it was rejected.
        reason: String,
    },

    /// A shard id that the stream does not have.
    #[error("stream {stream:?} has no shard {shard:?}; use one of the ids from `Stream::shards`")]
    UnknownShard {
        /// The stream's name.
        stream: String,
        /// The unknown shard id.
        shard: String,
    },

    /// Another handle (in this or another process) has the embedded stream open.
    #[error(
        "stream {stream:?} is already open by another process or handle (lock file {path}); \
         close the other writer first, or use a different root folder"
    )]
    Locked {
        /// The stream's name.
        stream: String,
        /// The lock file.
        path: PathBuf,
    },

    /// A file-system operation failed.
    #[error("could not {action} {path}: {source}")]
    Io {
        /// What was being done, e.g. "create segment".
        action: &'static str,
        /// The file or folder concerned.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },

    /// A stored record failed its checks (length, CRC32, sequence) where a
    /// valid record was required.
    #[error(
        "corrupt record in {path} at byte {offset}: {reason}; the log's tail is repaired on open, \
         but this damage is inside the log: restore the file from a backup or delete the segment"
    )]
    Corrupt {
        /// The segment file.
        path: PathBuf,
        /// Byte offset of the bad frame within the file.
        offset: u64,
        /// Which check failed.
        reason: String,
    },

    /// A checkpoint file does not hold a sequence.
    #[error(
        "checkpoint file {path} does not hold a sequence ({content:?}); delete it to restart \
         that consumer from the beginning, or write the last processed sequence into it"
    )]
    CorruptCheckpoint {
        /// The checkpoint file.
        path: PathBuf,
        /// What it held (possibly cut short).
        content: String,
    },

    /// The embedded writer hit an I/O failure and stopped accepting appends,
    /// so that nothing is written after an unknown state.
    #[error(
        "stream {stream:?} stopped accepting appends after an I/O failure ({reason}); \
         fix the cause (disk full? permissions?) and reopen the stream"
    )]
    WriterFailed {
        /// The stream's name.
        stream: String,
        /// The failure that stopped the writer.
        reason: String,
    },

    /// The stream's background writer is gone (the stream is shutting down).
    #[error("stream {stream:?} is closed; reopen it")]
    Closed {
        /// The stream's name.
        stream: String,
    },

    /// A NATS or JetStream request failed.
    #[error("NATS stream {stream:?}: could not {action}: {source}")]
    Nats {
        /// The lakeforge stream's name.
        stream: String,
        /// What was being done, e.g. "publish" or "connect to nats://127.0.0.1:4222".
        action: String,
        /// The client's error.
        source: async_nats::Error,
    },

    /// The stream's settings cannot be honoured by its backend, or conflict
    /// with the stream as it is stored.
    #[error("stream {stream:?}: {problem}; {fix}")]
    Config {
        /// The stream's name.
        stream: String,
        /// What is wrong.
        problem: String,
        /// How to fix it.
        fix: String,
    },

    /// A Kinesis request failed (after retries, where retrying makes sense).
    #[error("Kinesis stream {stream:?}: could not {action}: {detail}; {fix}", fix = kind.fix())]
    Kinesis {
        /// The stream's name.
        stream: String,
        /// What was being done, e.g. "append records (PutRecords)".
        action: String,
        /// What kind of failure, which says how to fix it.
        kind: KinesisErrorKind,
        /// The service's or the client's message.
        detail: String,
    },

    /// The configured backend is not compiled into this build.
    #[error(
        "stream {stream:?}: the {backend} backend is not part of this build (lakeforge-stream \
         was built without its `{backend}` feature); rebuild with it, or use backend = \
         \"embedded\" or \"nats\""
    )]
    Unsupported {
        /// The backend's name.
        backend: &'static str,
        /// The stream's name.
        stream: String,
    },
}

impl StreamError {
    /// A closure that wraps an I/O error with the action and path, for `map_err`.
    pub(crate) fn io(
        action: &'static str,
        path: impl Into<PathBuf>,
    ) -> impl FnOnce(std::io::Error) -> StreamError {
        let path = path.into();
        move |source| StreamError::Io {
            action,
            path,
            source,
        }
    }
}

/// What kind of Kinesis failure a [`StreamError::Kinesis`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum KinesisErrorKind {
    /// The stream (or a shard) does not exist in this account, region and endpoint.
    NotFound,
    /// The stream is not in a state that allows the request (being created,
    /// updated or deleted), or creating it did not finish in time.
    NotReady,
    /// Kinesis kept refusing with throughput or rate limits after retries.
    Throttled,
    /// No credentials were found, or the service rejected them.
    Credentials,
    /// The credentials lack a permission.
    AccessDenied,
    /// The endpoint could not be reached (no server, wrong URL, network, timeout).
    Unreachable,
    /// The service rejected an argument (e.g. a sequence from another shard).
    InvalidArgument,
    /// Anything else.
    Other,
}

impl KinesisErrorKind {
    /// How to fix a failure of this kind.
    pub fn fix(self) -> &'static str {
        match self {
            KinesisErrorKind::NotFound => {
                "check the stream name, the region and `url` (the endpoint); lakeforge creates \
                 a missing stream when it opens it, so it may have been deleted since"
            }
            KinesisErrorKind::NotReady => {
                "wait until the stream is ACTIVE (`aws kinesis describe-stream-summary`) and retry"
            }
            KinesisErrorKind::Throttled => {
                "the shards' read or write limits were exceeded even after retries: add shards \
                 (`shard_count`, or UpdateShardCount on an existing stream) or slow the producers down"
            }
            KinesisErrorKind::Credentials => {
                "provide AWS credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE, \
                 or `aws sso login` (for a local Kinesis-compatible server any values will do)"
            }
            KinesisErrorKind::AccessDenied => {
                "grant the credentials' IAM identity the kinesis:* actions on this stream \
                 (CreateStream, DescribeStreamSummary, ListShards, PutRecords, GetShardIterator, GetRecords)"
            }
            KinesisErrorKind::Unreachable => {
                "check `url` in [streams.<name>] (is the local server running?), the region and \
                 the network"
            }
            KinesisErrorKind::InvalidArgument => {
                "use a sequence read from this very shard, and a stream name Kinesis accepts"
            }
            KinesisErrorKind::Other => "see the message above",
        }
    }
}
