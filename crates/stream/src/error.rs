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

    /// The configured backend exists in the spec but has no implementation yet.
    #[error(
        "stream {stream:?}: the {backend} backend is not implemented yet; \
         use backend = \"embedded\" or \"nats\""
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
