//! The one error type of this crate.

use std::path::PathBuf;

/// Everything that can go wrong setting up or running a simulation. Each
/// message says what failed, where, and how to fix it; database URLs in
/// messages never show a password.
#[derive(Debug, thiserror::Error)]
pub enum SimError {
    /// A parameter has an impossible value.
    #[error("invalid simulator setting `{setting}` = {value}: {fix}")]
    InvalidParam {
        /// The setting, as named in `[simulator]` (or the CLI flag).
        setting: &'static str,
        /// The rejected value, as text.
        value: String,
        /// What values are allowed.
        fix: String,
    },

    /// The database URL names a system the simulator cannot write to.
    #[error(
        "unsupported database URL {url}: use sqlite://PATH, mysql://…, mariadb://… or postgres://…"
    )]
    UnsupportedDatabase {
        /// The URL, password hidden.
        url: String,
    },

    /// Talking to the OLTP database failed.
    #[error("database {url}: could not {action}: {source}")]
    Database {
        /// The URL, password hidden.
        url: String,
        /// What was being done, e.g. "connect" or "write day 3".
        action: String,
        /// The driver's error.
        source: sqlx::Error,
    },

    /// Appending to the clickstream stream failed.
    #[error("stream {stream:?}: {source}")]
    Stream {
        /// The stream's name.
        stream: String,
        /// The stream's error.
        source: lakeforge_stream::StreamError,
    },

    /// A file-system operation failed.
    #[error("could not {action} {path}: {source}")]
    Io {
        /// What was being done, e.g. "create folder".
        action: &'static str,
        /// The file or folder concerned.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },

    /// [`crate::Simulation::run`] was called a second time.
    #[error("this simulation has already run; create a new `Simulation` to run again")]
    AlreadyRan,
}

impl SimError {
    /// An [`SimError::Io`] for `action` on `path`.
    pub(crate) fn io(
        action: &'static str,
        path: impl Into<PathBuf>,
    ) -> impl FnOnce(std::io::Error) -> SimError {
        let path = path.into();
        move |source| SimError::Io {
            action,
            path,
            source,
        }
    }

    /// An [`SimError::InvalidParam`].
    pub(crate) fn invalid(
        setting: &'static str,
        value: impl ToString,
        fix: impl Into<String>,
    ) -> SimError {
        SimError::InvalidParam {
            setting,
            value: value.to_string(),
            fix: fix.into(),
        }
    }
}
