//! The embedded backend: a durable, append-only log on the local disk.
//!
//! Layout of `<root>/.lakeforge/streams/<name>/` for a stream of one shard
//! (the default, and the layout of every stream before shards existed):
//!
//! ```text
//! LOCK                           held (flock) by the one open handle
//! 00000000000000000001.seg       segments, named by their first sequence
//! 00000000000000052417.seg       (the newest is the active one)
//! consumers/<consumer>.checkpoint
//! ```
//!
//! A stream created with `shard_count` n > 1 keeps each shard as such a log
//! of its own, and records the count:
//!
//! ```text
//! LOCK
//! SHARDS                         the shard count, in decimal
//! shards/0/00000000000000000001.seg …   shard "0": segments and
//! shards/0/consumers/<consumer>.checkpoint  checkpoints, as above
//! …
//! shards/<n-1>/…
//! ```
//!
//! A record goes to the shard of its partition key (MD5, split as Kinesis
//! does: see `crate::partition`), so records with the same key keep their
//! order. Shard ids are `"0"` to `"<n-1>"`; a one-shard stream's only shard
//! is `"0"`, [`ShardId::single`]. The count is fixed when the stream is
//! created: reopening with another `shard_count` is an error
//! ([`StreamError::Config`]) rather than a silent reshard.
//!
//! Within a shard, sequences start at 1 and have no gaps. On open, each
//! shard's newest segment is scanned and any torn or corrupt tail is cut off
//! before that shard's writer starts.

mod checkpoint;
pub(crate) mod durable;
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
use crate::{partition, validate};

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

/// A stream stored as durable, segmented, CRC-checked logs on the local disk,
/// one per shard (see the module docs for the layout). One handle per stream
/// at a time, in any process: a second open gets [`StreamError::Locked`].
/// Dropping the handle waits for queued appends to be written (and fsynced
/// unless the policy is [`FsyncPolicy::Never`]). Readers should not outlive it.
pub struct EmbeddedStream {
    name: String,
    dir: PathBuf,
    // Declared before the lock so the writers finish before the lock is released.
    shards: Vec<ShardLog>,
    _lock: File,
}

/// One shard: its log's shared state, writer and checkpoints.
struct ShardLog {
    id: ShardId,
    shared: Arc<Shared>,
    checkpoints: Arc<Checkpoints>,
    writer: WriterHandle,
}

impl std::fmt::Debug for EmbeddedStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let last: Vec<u64> = self
            .shards
            .iter()
            .map(|s| s.shared.last_visible())
            .collect();
        f.debug_struct("EmbeddedStream")
            .field("name", &self.name)
            .field("folder", &self.dir)
            .field("last_sequences", &last)
            .finish_non_exhaustive()
    }
}

/// The file that records the shard count of a stream with several shards.
const SHARDS_FILE: &str = "SHARDS";

impl EmbeddedStream {
    /// The folder that holds stream `name` under project root `root`.
    pub fn folder(root: &Path, name: &str) -> PathBuf {
        root.join(".lakeforge").join("streams").join(name)
    }

    /// Opens stream `name` under `config.root`, creating it with
    /// `config.shard_count` shards if missing and repairing torn tails, with
    /// `config`'s fsync policy, segment size and retention.
    pub async fn open(name: &str, config: &StreamConfig) -> Result<Self, StreamError> {
        validate::name("stream", name)?;
        let (name, config) = (name.to_owned(), config.clone());
        blocking(&name.clone(), move || open_blocking(name, &config)).await
    }

    fn shard(&self, id: &ShardId) -> Result<&ShardLog, StreamError> {
        self.shards
            .iter()
            .find(|s| s.id == *id)
            .ok_or_else(|| StreamError::UnknownShard {
                stream: self.name.clone(),
                shard: id.to_string(),
            })
    }
}

fn open_blocking(name: String, config: &StreamConfig) -> Result<EmbeddedStream, StreamError> {
    if config.shard_count == 0 {
        return Err(StreamError::Config {
            stream: name,
            problem: "shard_count is 0".to_owned(),
            fix: "a stream needs at least one shard: set shard_count = 1 or more".to_owned(),
        });
    }
    let dir = EmbeddedStream::folder(&config.root, &name);
    fs::create_dir_all(&dir).map_err(StreamError::io("create", &dir))?;
    let durable = config.fsync != FsyncPolicy::Never;
    if durable {
        sync_dir(dir.parent().unwrap_or(&dir))?;
    }
    let lock = lock(&name, &dir)?;
    let count = shard_count(&name, &dir, config.shard_count, durable)?;
    let shards = if count == 1 {
        vec![open_shard(&name, ShardId::single(), dir.clone(), config)?]
    } else {
        (0..count)
            .map(|i| {
                let shard_dir = dir.join("shards").join(i.to_string());
                open_shard(&name, ShardId::new(i.to_string()), shard_dir, config)
            })
            .collect::<Result<_, _>>()?
    };
    if count > 1 && durable {
        sync_dir(&dir)?;
    }
    Ok(EmbeddedStream {
        name,
        dir,
        shards,
        _lock: lock,
    })
}

/// The shard count of the stream in `dir`: the one it was created with, or
/// `requested` for a new stream (recorded in `SHARDS` when above 1). A stream
/// with segments but no `SHARDS` file has one shard (the original layout).
fn shard_count(name: &str, dir: &Path, requested: u32, durable: bool) -> Result<u32, StreamError> {
    let path = dir.join(SHARDS_FILE);
    let existing = match fs::read_to_string(&path) {
        Ok(content) => Some(
            content
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|&n| n > 0)
                .ok_or_else(|| StreamError::Config {
                    stream: name.to_owned(),
                    problem: format!(
                        "{} does not hold a shard count ({content:?})",
                        path.display()
                    ),
                    fix: "write the number of folders under shards/ into it".to_owned(),
                })?,
        ),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            (!segment::list(dir)?.is_empty()).then_some(1)
        }
        Err(e) => return Err(StreamError::io("read", path)(e)),
    };
    match existing {
        Some(n) if n == requested => Ok(n),
        Some(n) => Err(StreamError::Config {
            stream: name.to_owned(),
            problem: format!(
                "it was created with {n} shard(s) (folder {}), but shard_count is {requested}",
                dir.display()
            ),
            fix: format!(
                "the embedded log cannot reshard: set shard_count = {n}, or delete the folder to \
                 start the stream over (its records and checkpoints are lost)"
            ),
        }),
        None if requested > 1 => {
            if durable {
                durable::write_atomically(&path, format!("{requested}\n").as_bytes())?;
            } else {
                fs::write(&path, format!("{requested}\n"))
                    .map_err(StreamError::io("write", &path))?;
            }
            Ok(requested)
        }
        None => Ok(requested),
    }
}

/// Opens (creating if missing) the log of one shard in `dir`.
fn open_shard(
    name: &str,
    id: ShardId,
    dir: PathBuf,
    config: &StreamConfig,
) -> Result<ShardLog, StreamError> {
    let consumers = dir.join("consumers");
    fs::create_dir_all(&consumers).map_err(StreamError::io("create", &consumers))?;
    let durable = config.fsync != FsyncPolicy::Never;
    if durable {
        sync_dir(dir.parent().unwrap_or(&dir))?;
    }
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
        name: name.to_owned(),
        dir,
        segments: RwLock::new(segments),
        visible: watch::Sender::new(next_seq - 1),
    });
    if let Some(retention) = config.retention {
        retention::enforce(&shared, retention)?;
    }
    info!(
        stream = %shared.name,
        shard = %id,
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
    Ok(ShardLog {
        id,
        checkpoints: Arc::new(Checkpoints::new(consumers)),
        shared,
        writer,
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
pub(crate) async fn blocking<T: Send + 'static>(
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
        &self.name
    }

    async fn shards(&self) -> Result<Vec<ShardId>, StreamError> {
        Ok(self.shards.iter().map(|s| s.id.clone()).collect())
    }

    async fn append_batch(&self, records: Vec<NewRecord>) -> Result<Vec<Appended>, StreamError> {
        if records.is_empty() {
            return Ok(Vec::new());
        }
        records.iter().try_for_each(validate::record)?;
        if let [only] = self.shards.as_slice() {
            let count = records.len() as u64;
            let first = only.writer.append(records).await?;
            return Ok((first..first + count)
                .map(|sequence| Appended {
                    shard: only.id.clone(),
                    sequence: sequence.into(),
                })
                .collect());
        }
        // Split by shard, keeping each shard's records in batch order, and
        // append to all shards at once.
        let count = u32::try_from(self.shards.len()).unwrap_or(u32::MAX);
        let mut groups: Vec<Vec<NewRecord>> = vec![Vec::new(); self.shards.len()];
        let mut placed = Vec::with_capacity(records.len());
        for record in records {
            let shard = partition::shard_index(&record.key, count) as usize;
            placed.push((shard, groups[shard].len() as u64));
            groups[shard].push(record);
        }
        let appends = self
            .shards
            .iter()
            .zip(groups)
            .map(|(shard, group)| async move {
                if group.is_empty() {
                    Ok(0)
                } else {
                    shard.writer.append(group).await
                }
            });
        let firsts = futures::future::join_all(appends)
            .await
            .into_iter()
            .collect::<Result<Vec<u64>, _>>()?;
        Ok(placed
            .into_iter()
            .map(|(shard, offset)| Appended {
                shard: self.shards[shard].id.clone(),
                sequence: (firsts[shard] + offset).into(),
            })
            .collect())
    }

    async fn open_reader(
        &self,
        shard: &ShardId,
        from: StartPosition,
    ) -> Result<Box<dyn StreamReader>, StreamError> {
        let shared = &self.shard(shard)?.shared;
        let next_seq = match from {
            StartPosition::Earliest => shared.segments()[0],
            StartPosition::Latest => shared.last_visible() + 1,
            StartPosition::After(sequence) => sequence.require_u64()?.saturating_add(1),
        };
        Ok(Box::new(EmbeddedReader::new(Arc::clone(shared), next_seq)))
    }

    async fn commit(
        &self,
        consumer: &str,
        shard: &ShardId,
        sequence: &Sequence,
    ) -> Result<(), StreamError> {
        validate::name("consumer", consumer)?;
        let log = self.shard(shard)?;
        let sequence = sequence.require_u64()?;
        validate::committable(&self.name, sequence, log.shared.last_visible())?;
        let (checkpoints, consumer) = (Arc::clone(&log.checkpoints), consumer.to_owned());
        blocking(&self.name, move || checkpoints.commit(&consumer, sequence)).await
    }

    async fn checkpoint(
        &self,
        consumer: &str,
        shard: &ShardId,
    ) -> Result<Option<Sequence>, StreamError> {
        validate::name("consumer", consumer)?;
        let log = self.shard(shard)?;
        let (checkpoints, consumer) = (Arc::clone(&log.checkpoints), consumer.to_owned());
        let loaded = blocking(&self.name, move || checkpoints.load(&consumer)).await?;
        Ok(loaded.map(Sequence::from))
    }
}
