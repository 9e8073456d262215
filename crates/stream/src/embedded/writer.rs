//! The single writer of an embedded log: a dedicated thread that takes append
//! requests from any number of tasks, writes everything queued as one batch
//! (group commit), applies the fsync policy, rolls segments, enforces
//! retention, and only then makes the records visible and acknowledges them.

use std::fs::File;
use std::io::Write;
use std::sync::Arc;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use tokio::sync::oneshot;
use tracing::{error, warn};

use super::{Shared, frame, retention, segment};
use crate::config::FsyncPolicy;
use crate::error::StreamError;
use crate::record::NewRecord;

/// Most payload bytes written as one group, to bound latency and memory.
const MAX_GROUP_BYTES: usize = 16 << 20;
/// Bounds of the wait between two retention checks while the log is idle
/// (the retention itself, clamped to this range).
const RETENTION_CHECK_BOUNDS: (Duration, Duration) =
    (Duration::from_secs(1), Duration::from_secs(60));

/// How often to check a retention while the log is idle.
fn retention_check_period(retention: Duration) -> Duration {
    retention.clamp(RETENTION_CHECK_BOUNDS.0, RETENTION_CHECK_BOUNDS.1)
}

/// Records to append, and where to send the sequence of the first.
struct AppendRequest {
    records: Vec<NewRecord>,
    reply: oneshot::Sender<Result<u64, StreamError>>,
}

/// The segment being appended to.
pub(crate) struct ActiveSegment {
    /// Its first sequence.
    pub(crate) first_seq: u64,
    /// The file, open for appending.
    pub(crate) file: File,
    /// Its length in bytes.
    pub(crate) len: u64,
}

/// Settings and starting state of a writer.
pub(crate) struct WriterSetup {
    /// The stream's shared state.
    pub(crate) shared: Arc<Shared>,
    /// The newest segment, already repaired.
    pub(crate) active: ActiveSegment,
    /// The sequence the next record gets.
    pub(crate) next_seq: u64,
    /// When to fsync.
    pub(crate) fsync: FsyncPolicy,
    /// Segment size limit.
    pub(crate) segment_bytes: u64,
    /// Retention, if any.
    pub(crate) retention: Option<Duration>,
}

/// The handle that tasks use to reach the writer thread. Dropping it lets the
/// thread finish what is queued, fsync (unless the policy is `Never`) and exit,
/// and waits for that.
pub(crate) struct WriterHandle {
    stream: String,
    requests: Option<mpsc::Sender<AppendRequest>>,
    thread: Option<JoinHandle<()>>,
}

impl WriterHandle {
    /// Starts the writer thread.
    pub(crate) fn spawn(setup: WriterSetup) -> Result<Self, StreamError> {
        let stream = setup.shared.name.clone();
        let dir = setup.shared.dir.clone();
        let (requests, queue) = mpsc::channel();
        let writer = Writer {
            buf: Vec::new(),
            dirty: false,
            last_sync: Instant::now(),
            last_retention: Instant::now(),
            failed: None,
            setup,
        };
        let thread = std::thread::Builder::new()
            .name(format!("lakeforge-stream-{stream}"))
            .spawn(move || writer.run(queue))
            .map_err(StreamError::io("start the writer thread for", dir))?;
        Ok(WriterHandle {
            stream,
            requests: Some(requests),
            thread: Some(thread),
        })
    }

    /// Appends validated `records` and returns the sequence of the first;
    /// the others follow consecutively.
    pub(crate) async fn append(&self, records: Vec<NewRecord>) -> Result<u64, StreamError> {
        let closed = || StreamError::Closed {
            stream: self.stream.clone(),
        };
        let (reply, response) = oneshot::channel();
        self.requests
            .as_ref()
            .ok_or_else(closed)?
            .send(AppendRequest { records, reply })
            .map_err(|_| closed())?;
        response.await.map_err(|_| closed())?
    }
}

impl Drop for WriterHandle {
    fn drop(&mut self) {
        drop(self.requests.take());
        if let Some(thread) = self.thread.take()
            && thread.join().is_err()
        {
            error!(stream = %self.stream, "the stream writer thread panicked");
        }
    }
}

struct Writer {
    setup: WriterSetup,
    /// Frames encoded but not yet written.
    buf: Vec<u8>,
    /// Whether written bytes await an fsync.
    dirty: bool,
    last_sync: Instant,
    last_retention: Instant,
    /// Set after an I/O failure: no more writes until the stream is reopened.
    failed: Option<String>,
}

impl Writer {
    fn run(mut self, queue: mpsc::Receiver<AppendRequest>) {
        loop {
            let received = match self.next_deadline() {
                None => queue.recv().map_err(|_| RecvTimeoutError::Disconnected),
                Some(at) => queue.recv_timeout(at.saturating_duration_since(Instant::now())),
            };
            match received {
                Ok(first) => {
                    let group = drain(first, &queue);
                    self.commit(group);
                }
                Err(RecvTimeoutError::Timeout) => self.housekeeping(),
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        if self.setup.fsync != FsyncPolicy::Never
            && self.failed.is_none()
            && let Err(e) = self.sync()
        {
            error!(stream = %self.setup.shared.name, error = %e, "final fsync of the stream failed");
        }
    }

    /// When the thread must wake up without a request: the interval fsync of
    /// written data, and the periodic retention check. Never once failed.
    fn next_deadline(&self) -> Option<Instant> {
        if self.failed.is_some() {
            return None;
        }
        let sync = match self.setup.fsync {
            FsyncPolicy::Interval(every) if self.dirty => Some(self.last_sync + every),
            _ => None,
        };
        let retention = self
            .setup
            .retention
            .map(|r| self.last_retention + retention_check_period(r));
        sync.into_iter().chain(retention).min()
    }

    fn housekeeping(&mut self) {
        if self.failed.is_some() {
            return;
        }
        if let FsyncPolicy::Interval(every) = self.setup.fsync
            && self.dirty
            && self.last_sync.elapsed() >= every
            && let Err(e) = self.sync()
        {
            self.fail(&e);
        }
        if let Some(retention) = self.setup.retention
            && self.last_retention.elapsed() >= retention_check_period(retention)
        {
            self.enforce_retention(retention);
        }
    }

    /// Writes a group of requests, then publishes and acknowledges them.
    fn commit(&mut self, group: Vec<AppendRequest>) {
        let result = match &self.failed {
            Some(reason) => Err(reason.clone()),
            None => self.write(&group).map_err(|e| {
                self.fail(&e);
                e.to_string()
            }),
        };
        match result {
            Ok(firsts) => {
                self.setup
                    .shared
                    .visible
                    .send_replace(self.setup.next_seq - 1);
                for (request, first) in group.into_iter().zip(firsts) {
                    // A requester that stopped waiting does not undo the append.
                    let _ = request.reply.send(Ok(first));
                }
            }
            Err(reason) => {
                for request in group {
                    let _ = request.reply.send(Err(StreamError::WriterFailed {
                        stream: self.setup.shared.name.clone(),
                        reason: reason.clone(),
                    }));
                }
            }
        }
    }

    fn fail(&mut self, e: &StreamError) {
        error!(stream = %self.setup.shared.name, error = %e, "the stream writer stopped after an I/O failure");
        self.failed = Some(e.to_string());
    }

    /// Encodes and writes every record of the group, rolling segments as
    /// needed, and fsyncs as the policy asks. Returns each request's first sequence.
    fn write(&mut self, group: &[AppendRequest]) -> Result<Vec<u64>, StreamError> {
        let arrival_ms = now_ms();
        let mut firsts = Vec::with_capacity(group.len());
        for request in group {
            firsts.push(self.setup.next_seq);
            for record in &request.records {
                let pending = self.setup.active.len + self.buf.len() as u64;
                if pending > 0 && pending + frame::frame_len(record) > self.setup.segment_bytes {
                    self.flush()?;
                    self.roll()?;
                }
                frame::encode(&mut self.buf, self.setup.next_seq, arrival_ms, record);
                self.setup.next_seq += 1;
            }
        }
        self.flush()?;
        match self.setup.fsync {
            FsyncPolicy::Always => self.sync()?,
            FsyncPolicy::Interval(every) if self.last_sync.elapsed() >= every => self.sync()?,
            FsyncPolicy::Interval(_) | FsyncPolicy::Never => {}
        }
        Ok(firsts)
    }

    /// Writes the encoded frames to the active segment.
    fn flush(&mut self) -> Result<(), StreamError> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let active = &mut self.setup.active;
        active.file.write_all(&self.buf).map_err(StreamError::io(
            "append to",
            self.setup.shared.segment_path(active.first_seq),
        ))?;
        active.len += self.buf.len() as u64;
        self.buf.clear();
        self.dirty = true;
        Ok(())
    }

    fn sync(&mut self) -> Result<(), StreamError> {
        if self.dirty {
            let active = &self.setup.active;
            active.file.sync_data().map_err(StreamError::io(
                "fsync",
                self.setup.shared.segment_path(active.first_seq),
            ))?;
            self.dirty = false;
        }
        self.last_sync = Instant::now();
        Ok(())
    }

    /// Seals the active segment (durably, unless the policy is `Never`) and
    /// starts the next one.
    fn roll(&mut self) -> Result<(), StreamError> {
        let durable = self.setup.fsync != FsyncPolicy::Never;
        if durable {
            self.sync()?;
        }
        let first_seq = self.setup.next_seq;
        let file = segment::create(&self.setup.shared.dir, first_seq, durable)?;
        self.setup.active = ActiveSegment {
            first_seq,
            file,
            len: 0,
        };
        self.dirty = false;
        self.setup
            .shared
            .update_segments(|list| list.push(first_seq));
        if let Some(retention) = self.setup.retention {
            self.enforce_retention(retention);
        }
        Ok(())
    }

    fn enforce_retention(&mut self, retention: Duration) {
        self.last_retention = Instant::now();
        if let Err(e) = retention::enforce(&self.setup.shared, retention) {
            warn!(stream = %self.setup.shared.name, error = %e, "could not apply the stream's retention");
        }
    }
}

/// Takes `first` and whatever else is already queued, up to [`MAX_GROUP_BYTES`].
fn drain(first: AppendRequest, queue: &mpsc::Receiver<AppendRequest>) -> Vec<AppendRequest> {
    let size = |r: &AppendRequest| r.records.iter().map(|x| x.payload.len()).sum::<usize>();
    let mut bytes = size(&first);
    let mut group = vec![first];
    while bytes < MAX_GROUP_BYTES {
        match queue.try_recv() {
            Ok(request) => {
                bytes += size(&request);
                group.push(request);
            }
            Err(_) => break,
        }
    }
    group
}

/// Milliseconds since the Unix epoch by the system clock.
fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}
