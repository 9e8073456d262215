//! The embedded backend: a durable, append-only log on the local disk.
//!
//! Layout of `<root>/.lakeforge/streams/<name>/`:
//!
//! ```text
//! LOCK                           held (flock) by the one open handle
//! 00000000000000000001.seg       segments, named by their first sequence
//! 00000000000000052417.seg       (the newest is the active one)
//! consumers/<consumer>.checkpoint
//! ```
//!
//! Sequences start at 1 and have no gaps. On open, the newest segment is
//! scanned and any torn or corrupt tail is cut off before the writer starts.

mod checkpoint;
mod durable;
mod frame;
mod reader;
mod retention;
mod segment;
mod writer;

use std::fs::{self, File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::sync::{Arc, PoisonError, RwLock};

use async_trait::async_trait;
use tokio::sync::watch;
use tracing::info;

use self::checkpoint::Checkpoints;
use self::durable::sync_dir;
use self::reader::EmbeddedReader;
use self::writer::{ActiveSegment, WriterHandle, WriterSetup};
use crate::config::{FsyncPolicy, StreamConfig};
use crate::error::StreamError;
use crate::record::{Appended, NewRecord, StartPosition};
use crate::sequence::{Sequence, ShardId};
use crate::stream::{Stream, StreamReader};
use crate::validate;

/// State shared by the stream handle, its writer thread and its readers.
pub(crate) struct Shared {
    /// The stream's name.
    pub(crate) name: String,
    /// The stream's folder.
    pub(crate) dir: PathBuf,
    /// First sequences of the segments, ascending; never empty. Changed only
    /// by the writer (rolling, retention).
    segments: RwLock<Vec<u64>>,
    /// The newest sequence readers may see (0 before the first record):
    /// written, and on disk if the policy is `Always`.
    pub(crate) visible: watch::Sender<u64>,
}

impl Shared {
    /// A snapshot of the segments' first sequences.
    pub(crate) fn segments(&self) -> Vec<u64> {
        self.segments
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Changes the segment list.
    pub(crate) fn update_segments(&self, change: impl FnOnce(&mut Vec<u64>)) {
        change(
            &mut self
                .segments
                .write()
                .unwrap_or_else(PoisonError::into_inner),
        );
    }

    /// The file of the segment starting at `first_seq`.
    pub(crate) fn segment_path(&self, first_seq: u64) -> PathBuf {
        segment::path(&self.dir, first_seq)
    }

    /// The newest visible sequence.
    pub(crate) fn last_visible(&self) -> u64 {
        *self.visible.borrow()
    }
}

/// A stream stored as a durable, segmented, CRC-checked log on the local disk
/// (see the module docs for the layout). One handle per stream at a time, in
/// any process: a second open gets [`StreamError::Locked`]. Dropping the
/// handle waits for queued appends to be written (and fsynced unless the
/// policy is [`FsyncPolicy::Never`]). Readers should not outlive it.
pub struct EmbeddedStream {
    shard: ShardId,
    shared: Arc<Shared>,
    checkpoints: Arc<Checkpoints>,
    // Declared before the lock so the writer finishes before the lock is released.
    writer: WriterHandle,
    _lock: File,
}

impl std::fmt::Debug for EmbeddedStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmbeddedStream")
            .field("name", &self.shared.name)
            .field("folder", &self.shared.dir)
            .field("last_sequence", &self.shared.last_visible())
            .finish_non_exhaustive()
    }
}

impl EmbeddedStream {
    /// The folder that holds stream `name` under project root `root`.
    pub fn folder(root: &Path, name: &str) -> PathBuf {
        root.join(".lakeforge").join("streams").join(name)
    }

    /// Opens stream `name` under `config.root`, creating it if missing and
    /// repairing a torn tail, with `config`'s fsync policy, segment size and
    /// retention.
    pub async fn open(name: &str, config: &StreamConfig) -> Result<Self, StreamError> {
        validate::name("stream", name)?;
        let (name, config) = (name.to_owned(), config.clone());
        blocking(&name.clone(), move || open_blocking(name, &config)).await
    }
}

fn open_blocking(name: String, config: &StreamConfig) -> Result<EmbeddedStream, StreamError> {
    let dir = EmbeddedStream::folder(&config.root, &name);
    let consumers = dir.join("consumers");
    fs::create_dir_all(&consumers).map_err(StreamError::io("create", &consumers))?;
    let durable = config.fsync != FsyncPolicy::Never;
    if durable {
        sync_dir(dir.parent().unwrap_or(&dir))?;
    }
    let lock = lock(&name, &dir)?;

    let mut segments = segment::list(&dir)?;
    if segments.is_empty() {
        segment::create(&dir, 1, durable)?;
        segments.push(1);
    }
    let first_seq = *segments.last().expect("at least one segment");
    let recovered = segment::recover(&dir, first_seq)?;
    let next_seq = first_seq + recovered.records;
    let path = segment::path(&dir, first_seq);
    let file = OpenOptions::new()
        .append(true)
        .open(&path)
        .map_err(StreamError::io("open segment", &path))?;

    let shared = Arc::new(Shared {
        name,
        dir,
        segments: RwLock::new(segments),
        visible: watch::Sender::new(next_seq - 1),
    });
    if let Some(retention) = config.retention {
        retention::enforce(&shared, retention)?;
    }
    info!(
        stream = %shared.name,
        folder = %shared.dir.display(),
        next_sequence = next_seq,
        "opened embedded stream"
    );
    let writer = WriterHandle::spawn(WriterSetup {
        shared: Arc::clone(&shared),
        active: ActiveSegment {
            first_seq,
            file,
            len: recovered.len,
        },
        next_seq,
        fsync: config.fsync,
        segment_bytes: config.segment_bytes,
        retention: config.retention,
    })?;
    Ok(EmbeddedStream {
        shard: ShardId::single(),
        checkpoints: Arc::new(Checkpoints::new(consumers)),
        shared,
        writer,
        _lock: lock,
    })
}

/// Takes the stream's lock file, or says who has it.
fn lock(name: &str, dir: &Path) -> Result<File, StreamError> {
    let path = dir.join("LOCK");
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(StreamError::io("create lock file", &path))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(TryLockError::WouldBlock) => Err(StreamError::Locked {
            stream: name.to_owned(),
            path,
        }),
        Err(TryLockError::Error(e)) => Err(StreamError::io("lock", path)(e)),
    }
}

/// Runs blocking file work off the async threads.
async fn blocking<T: Send + 'static>(
    stream: &str,
    work: impl FnOnce() -> Result<T, StreamError> + Send + 'static,
) -> Result<T, StreamError> {
    match tokio::task::spawn_blocking(work).await {
        Ok(result) => result,
        Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
        Err(_) => Err(StreamError::Closed {
            stream: stream.to_owned(),
        }),
    }
}

#[async_trait]
impl Stream for EmbeddedStream {
    fn name(&self) -> &str {
        &self.shared.name
    }

    async fn shards(&self) -> Result<Vec<ShardId>, StreamError> {
        Ok(vec![self.shard.clone()])
    }

    async fn append_batch(&self, records: Vec<NewRecord>) -> Result<Vec<Appended>, StreamError> {
        if records.is_empty() {
            return Ok(Vec::new());
        }
        records.iter().try_for_each(validate::record)?;
        let count = records.len() as u64;
        let first = self.writer.append(records).await?;
        Ok((first..first + count)
            .map(|sequence| Appended {
                shard: self.shard.clone(),
                sequence: sequence.into(),
            })
            .collect())
    }

    async fn open_reader(
        &self,
        shard: &ShardId,
        from: StartPosition,
    ) -> Result<Box<dyn StreamReader>, StreamError> {
        shard.require_single(&self.shared.name)?;
        let next_seq = match from {
            StartPosition::Earliest => self.shared.segments()[0],
            StartPosition::Latest => self.shared.last_visible() + 1,
            StartPosition::After(sequence) => sequence.require_u64()?.saturating_add(1),
        };
        Ok(Box::new(EmbeddedReader::new(
            Arc::clone(&self.shared),
            next_seq,
        )))
    }

    async fn commit(
        &self,
        consumer: &str,
        shard: &ShardId,
        sequence: &Sequence,
    ) -> Result<(), StreamError> {
        validate::name("consumer", consumer)?;
        shard.require_single(&self.shared.name)?;
        let sequence = sequence.require_u64()?;
        validate::committable(&self.shared.name, sequence, self.shared.last_visible())?;
        let (checkpoints, consumer) = (Arc::clone(&self.checkpoints), consumer.to_owned());
        blocking(&self.shared.name, move || {
            checkpoints.commit(&consumer, sequence)
        })
        .await
    }

    async fn checkpoint(
        &self,
        consumer: &str,
        shard: &ShardId,
    ) -> Result<Option<Sequence>, StreamError> {
        validate::name("consumer", consumer)?;
        shard.require_single(&self.shared.name)?;
        let (checkpoints, consumer) = (Arc::clone(&self.checkpoints), consumer.to_owned());
        let loaded = blocking(&self.shared.name, move || checkpoints.load(&consumer)).await?;
        Ok(loaded.map(Sequence::from))
    }
}
