//! The transform crate's error type. Every message says what failed, where (file:line when
//! there is one) and how to fix it.

use std::path::PathBuf;

use thiserror::Error;

/// Everything that can stop a dbt invocation before or while it runs.
#[derive(Debug, Error)]
pub enum TransformError {
    /// A project file is missing or unreadable.
    #[error("{path}: {reason}")]
    File {
        /// The file.
        path: PathBuf,
        /// What went wrong, and what to do.
        reason: String,
    },
    /// A YAML file does not parse or has the wrong shape.
    #[error("{path}:{line}:{column}: {reason}")]
    Yaml {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong and how to fix it.
        reason: String,
    },
    /// A Jinja template does not parse or fails to render.
    #[error("{location}: {reason}")]
    Jinja {
        /// `file:line` of the error.
        location: String,
        /// minijinja's message, plus a hint.
        reason: String,
    },
    /// The project's configuration is not usable (profiles, targets, schemas, selectors).
    #[error("{0}")]
    Config(String),
    /// A compile error in the project graph: a missing ref or source, a cycle.
    #[error("{0}")]
    Compile(String),
    /// An error from the lake.
    #[error(transparent)]
    Lake(#[from] lakeforge_lake::LakeError),
    /// An I/O error while writing artifacts.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
}

impl TransformError {
    /// An I/O error at a path.
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self::Io {
            path: path.into(),
            source,
        }
    }
}

/// Result with [`TransformError`].
pub type Result<T, E = TransformError> = std::result::Result<T, E>;
