//! The crate's error type: what failed, where, and how to fix it.

/// Errors of change data capture.
#[derive(Debug, thiserror::Error)]
pub enum CdcError {
    /// The source is not set up for change data capture; the text says what to change.
    #[error("source not configured for CDC: {0}")]
    NotConfigured(String),
    /// The spec's `[cdc.<id>]` cannot be used as given.
    #[error("invalid CDC configuration: {0}")]
    Config(String),
    /// The source database failed or answered something unexpected.
    #[error("source {engine}: {message}")]
    Source {
        /// `mysql`, `postgres` or `sqlite`.
        engine: &'static str,
        /// What happened.
        message: String,
    },
    /// A value could not be converted to the column's Arrow type.
    #[error("type mapping of {table}.{column}: {message}")]
    Type {
        /// `schema.table`.
        table: String,
        /// The column.
        column: String,
        /// What went wrong.
        message: String,
    },
    /// Writing to or reading from the lake failed.
    #[error("lake store: {0}")]
    Store(#[from] object_store::Error),
    /// Encoding Parquet or Arrow failed.
    #[error("parquet: {0}")]
    Parquet(String),
    /// Local state (checkpoint intent, lock) failed.
    #[error("state {path}: {source}")]
    State {
        /// The file.
        path: std::path::PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A landed manifest or state file is not what this version wrote.
    #[error("corrupt CDC log {path}: {message}")]
    Corrupt {
        /// The object or file.
        path: String,
        /// What is wrong.
        message: String,
    },
}

impl CdcError {
    /// A MySQL/MariaDB error with context.
    pub(crate) fn mysql(context: &str, error: impl std::fmt::Display) -> Self {
        Self::Source {
            engine: "mysql",
            message: format!("{context}: {error}"),
        }
    }

    /// A PostgreSQL error with context.
    pub(crate) fn postgres(context: &str, error: impl std::fmt::Display) -> Self {
        Self::Source {
            engine: "postgres",
            message: format!("{context}: {error}"),
        }
    }

    /// A SQLite error with context.
    pub(crate) fn sqlite(context: &str, error: impl std::fmt::Display) -> Self {
        Self::Source {
            engine: "sqlite",
            message: format!("{context}: {error}"),
        }
    }
}

impl From<parquet::errors::ParquetError> for CdcError {
    fn from(error: parquet::errors::ParquetError) -> Self {
        Self::Parquet(error.to_string())
    }
}

impl From<arrow::error::ArrowError> for CdcError {
    fn from(error: arrow::error::ArrowError) -> Self {
        Self::Parquet(error.to_string())
    }
}

/// Results of this crate.
pub type Result<T, E = CdcError> = std::result::Result<T, E>;
