//! Errors of the lineage crate.

use std::path::PathBuf;

/// What can go wrong reading or writing lineage.
#[derive(Debug, thiserror::Error)]
pub enum LineageError {
    /// A file of the local store could not be read or written.
    #[error("lineage store `{path}`: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A line of the local store is not an event.
    #[error("lineage store `{path}` line {line}: {reason}")]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// Why it could not be read.
        reason: String,
    },
    /// A name given to `lakeforge lineage` matches nothing in the store.
    #[error("{0}")]
    NotFound(String),
    /// A setting is wrong (e.g. a bad URL).
    #[error("lineage configuration: {0}")]
    Config(String),
}

impl LineageError {
    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self::Io {
            path: path.into(),
            source,
        }
    }
}
