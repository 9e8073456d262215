//! Consumer checkpoints of Kinesis streams. Kinesis keeps none itself (the
//! Kinesis Client Library keeps them in a DynamoDB table, which would be one
//! more service to provision and pay for), so lakeforge keeps them where it
//! keeps every other piece of local state, under the project's `.lakeforge/`:
//!
//! ```text
//! <root>/.lakeforge/kinesis/<stream>/<consumer>.<shard id>.checkpoint
//! ```
//!
//! one small file per (consumer, shard), holding the last processed sequence
//! number in decimal, replaced atomically (temporary file, fsync, rename,
//! folder fsync) on every commit. Several processes may commit at once: each
//! writes its own temporary file and the last rename wins, whole. The files
//! are per project folder, not shared between machines: the streaming
//! delivery's own position lives in the Delta table it writes, so a delivery
//! on another machine resumes correctly from the table.

use std::fs;
use std::io::ErrorKind;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::embedded::durable::write_atomically_via;
use crate::error::StreamError;
use crate::sequence::{Sequence, ShardId};

/// The checkpoint files of one Kinesis stream.
pub(crate) struct Checkpoints {
    dir: PathBuf,
    /// Numbers this process's temporary files.
    writes: AtomicU64,
}

impl Checkpoints {
    /// The checkpoints of `stream` under project root `root`.
    pub(crate) fn new(root: &std::path::Path, stream: &str) -> Self {
        Checkpoints {
            dir: root.join(".lakeforge").join("kinesis").join(stream),
            writes: AtomicU64::new(0),
        }
    }

    /// The folder holding the files.
    pub(crate) fn dir(&self) -> &std::path::Path {
        &self.dir
    }

    fn path(&self, consumer: &str, shard: &ShardId) -> PathBuf {
        self.dir.join(format!("{consumer}.{shard}.checkpoint"))
    }

    /// Durably stores `sequence` as the checkpoint of `consumer` on `shard`.
    pub(crate) fn commit(
        &self,
        consumer: &str,
        shard: &ShardId,
        sequence: &Sequence,
    ) -> Result<(), StreamError> {
        fs::create_dir_all(&self.dir).map_err(StreamError::io("create", &self.dir))?;
        let suffix = format!(
            ".{}-{}.tmp",
            std::process::id(),
            self.writes.fetch_add(1, Ordering::Relaxed)
        );
        write_atomically_via(
            &self.path(consumer, shard),
            &suffix,
            format!("{sequence}\n").as_bytes(),
        )
    }

    /// The checkpoint of `consumer` on `shard`, if it has one.
    pub(crate) fn load(
        &self,
        consumer: &str,
        shard: &ShardId,
    ) -> Result<Option<Sequence>, StreamError> {
        let path = self.path(consumer, shard);
        let content = match fs::read_to_string(&path) {
            Ok(content) => content,
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(StreamError::io("read checkpoint", path)(e)),
        };
        match content.trim_end().parse::<Sequence>() {
            Ok(sequence) => Ok(Some(sequence)),
            Err(_) => Err(StreamError::CorruptCheckpoint {
                path,
                content: content.chars().take(40).collect(),
            }),
        }
    }
}
