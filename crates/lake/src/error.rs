//! The lake's error type.

use thiserror::Error;

/// Everything that can go wrong in the lake core. Messages say what failed and how to fix it.
#[derive(Debug, Error)]
pub enum LakeError {
    /// The lake root URL cannot be used.
    #[error("lake root `{root}`: {reason}")]
    Root {
        /// The root as written.
        root: String,
        /// Why it cannot be used, and what to write instead.
        reason: String,
    },
    /// A table name does not follow `[project.][zone.]table`.
    #[error("table name `{name}`: {reason}")]
    TableName {
        /// The name as written.
        name: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The table does not exist.
    #[error("table `{name}` does not exist; known tables: {known}")]
    UnknownTable {
        /// The table asked for.
        name: String,
        /// Known tables, comma separated (or "none").
        known: String,
    },
    /// A query failed to plan or run.
    #[error("{message}{}", hint.as_ref().map(|h| format!("\n  {h}")).unwrap_or_default())]
    Sql {
        /// DataFusion's message.
        message: String,
        /// What may help, e.g. the known tables when a table was not found.
        hint: Option<String>,
    },
    /// A file to load cannot be read or has an unsupported format.
    #[error("{path}: {reason}")]
    Input {
        /// The file.
        path: String,
        /// What went wrong.
        reason: String,
    },
    /// An error from the Delta Lake layer.
    #[error(transparent)]
    Delta(#[from] deltalake::DeltaTableError),
    /// An error from the SQL engine (planning or execution).
    #[error(transparent)]
    DataFusion(#[from] datafusion::error::DataFusionError),
    /// An error from the object store.
    #[error(transparent)]
    ObjectStore(#[from] object_store::Error),
    /// An Arrow error while reading or converting data.
    #[error(transparent)]
    Arrow(#[from] datafusion::arrow::error::ArrowError),
}
