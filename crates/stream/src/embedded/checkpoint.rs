//! Consumer checkpoints of the embedded log: one small file per consumer,
//! `consumers/<consumer>.checkpoint`, holding the last processed sequence in
//! decimal, replaced atomically on every commit.

use std::fs;
use std::io::ErrorKind;
use std::path::PathBuf;
use std::sync::{Mutex, PoisonError};

use super::durable::write_atomically;
use crate::error::StreamError;

/// The checkpoint files of one stream.
pub(crate) struct Checkpoints {
    dir: PathBuf,
    /// Serializes commits within the process (the stream lock excludes others).
    writing: Mutex<()>,
}

impl Checkpoints {
    /// Checkpoints kept in `dir`, which must exist.
    pub(crate) fn new(dir: PathBuf) -> Self {
        Checkpoints {
            dir,
            writing: Mutex::new(()),
        }
    }

    fn path(&self, consumer: &str) -> PathBuf {
        self.dir.join(format!("{consumer}.checkpoint"))
    }

    /// Durably stores `sequence` as `consumer`'s checkpoint.
    pub(crate) fn commit(&self, consumer: &str, sequence: u64) -> Result<(), StreamError> {
        let _guard = self.writing.lock().unwrap_or_else(PoisonError::into_inner);
        write_atomically(&self.path(consumer), format!("{sequence}\n").as_bytes())
    }

    /// `consumer`'s checkpoint, if it has one.
    pub(crate) fn load(&self, consumer: &str) -> Result<Option<u64>, StreamError> {
        let path = self.path(consumer);
        let content = match fs::read_to_string(&path) {
            Ok(content) => content,
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(StreamError::io("read checkpoint", path)(e)),
        };
        match content.trim_end().parse::<u64>() {
            Ok(sequence) => Ok(Some(sequence)),
            Err(_) => Err(StreamError::CorruptCheckpoint {
                path,
                content: content.chars().take(40).collect(),
            }),
        }
    }
}
