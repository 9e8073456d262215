//! The HTTP transport: events for an endpoint wait in an on-disk outbox and are posted to
//! `{url}/api/v1/lineage` in order, each removed from the outbox only once the endpoint took it.
//!
//! Per endpoint, `.lakeforge/lineage/outbox/<endpoint>/` holds `pending.jsonl` (events in the
//! order emitted), `cursor` (the byte offset up to which they were sent) and `rejected.jsonl`
//! (events the endpoint refused for good — a 4xx other than 408/429 — with its answer). One
//! sender per outbox at a time (a lock on `sender.lock`), so no event is posted twice by two
//! processes; an unreachable endpoint leaves the events pending for the next sender.

use std::fs::{self, File, OpenOptions};
use std::io::{BufRead, BufReader, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use tokio::time::Instant;

use crate::LineageError;
use crate::config::HttpEndpoint;
use crate::store::lock;

const PENDING: &str = "pending.jsonl";
const CURSOR: &str = "cursor";
const REJECTED: &str = "rejected.jsonl";
const OUTBOX_LOCK: &str = "outbox.lock";
const SENDER_LOCK: &str = "sender.lock";

/// The longest wait between two tries of one event.
const MAX_BACKOFF: Duration = Duration::from_secs(2);
/// The first wait after a failed try.
const FIRST_BACKOFF: Duration = Duration::from_millis(100);
/// How often a backoff wait looks at the deadline again.
const BACKOFF_STEP: Duration = Duration::from_millis(50);
/// The longest a single request may take.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// The on-disk queue of events for one endpoint.
#[derive(Clone, Debug)]
pub struct Outbox {
    dir: PathBuf,
}

impl Outbox {
    /// The outbox of `endpoint` under the store folder `store_dir`.
    pub fn new(store_dir: &Path, endpoint: &HttpEndpoint) -> Self {
        let key: String = endpoint
            .url
            .as_str()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        Self {
            dir: store_dir.join("outbox").join(key),
        }
    }

    /// The outbox's folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Queues one serialized event (without its newline).
    pub fn push(&self, line: &[u8]) -> Result<(), LineageError> {
        fs::create_dir_all(&self.dir).map_err(|e| LineageError::io(&self.dir, e))?;
        let _lock = lock(&self.dir.join(OUTBOX_LOCK))?;
        let path = self.dir.join(PENDING);
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(|e| LineageError::io(&path, e))?;
        let mut bytes = Vec::with_capacity(line.len() + 1);
        bytes.extend_from_slice(line);
        bytes.push(b'\n');
        file.write_all(&bytes)
            .map_err(|e| LineageError::io(&path, e))
    }

    /// The events not yet sent, each with the offset just past it.
    pub fn pending(&self) -> Result<Vec<(u64, String)>, LineageError> {
        let path = self.dir.join(PENDING);
        let mut file = match File::open(&path) {
            Ok(file) => file,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(error) => return Err(LineageError::io(&path, error)),
        };
        let mut offset = self.cursor()?;
        file.seek(SeekFrom::Start(offset))
            .map_err(|e| LineageError::io(&path, e))?;
        let mut reader = BufReader::new(file);
        let mut events = Vec::new();
        loop {
            let mut line = String::new();
            let read = reader
                .read_line(&mut line)
                .map_err(|e| LineageError::io(&path, e))?;
            if read == 0 || !line.ends_with('\n') {
                break;
            }
            offset += read as u64;
            let line = line.trim_end();
            if !line.is_empty() {
                events.push((offset, line.to_string()));
            }
        }
        Ok(events)
    }

    /// How many events wait.
    pub fn len(&self) -> Result<usize, LineageError> {
        Ok(self.pending()?.len())
    }

    /// Whether nothing waits.
    pub fn is_empty(&self) -> Result<bool, LineageError> {
        Ok(self.len()? == 0)
    }

    fn cursor(&self) -> Result<u64, LineageError> {
        let path = self.dir.join(CURSOR);
        match fs::read_to_string(&path) {
            Ok(text) => text.trim().parse().map_err(|_| LineageError::Corrupt {
                path,
                line: 1,
                reason: format!("`{}` is not an offset", text.trim()),
            }),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(0),
            Err(error) => Err(LineageError::io(path, error)),
        }
    }

    /// Marks everything before `offset` sent; an outbox sent to its end is emptied.
    fn advance(&self, offset: u64) -> Result<(), LineageError> {
        let _lock = lock(&self.dir.join(OUTBOX_LOCK))?;
        let pending = self.dir.join(PENDING);
        let len = fs::metadata(&pending)
            .map_err(|e| LineageError::io(&pending, e))?
            .len();
        if offset >= len {
            File::create(&pending).map_err(|e| LineageError::io(&pending, e))?;
            return self.write_cursor(0);
        }
        self.write_cursor(offset)
    }

    fn write_cursor(&self, offset: u64) -> Result<(), LineageError> {
        let path = self.dir.join(CURSOR);
        let temporary = self.dir.join("cursor.tmp");
        fs::write(&temporary, offset.to_string()).map_err(|e| LineageError::io(&temporary, e))?;
        fs::rename(&temporary, &path).map_err(|e| LineageError::io(&path, e))
    }

    /// Keeps an event the endpoint refused, with its answer, in `rejected.jsonl`.
    fn reject(&self, line: &str, status: u16, answer: &str) -> Result<(), LineageError> {
        let path = self.dir.join(REJECTED);
        let record = serde_json::json!({
            "status": status,
            "answer": answer,
            "event": serde_json::from_str::<serde_json::Value>(line).unwrap_or_default(),
        });
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(|e| LineageError::io(&path, e))?;
        writeln!(file, "{record}").map_err(|e| LineageError::io(&path, e))
    }
}

/// What one flush did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flushed {
    /// Events the endpoint took.
    pub sent: usize,
    /// Events it refused for good (kept in `rejected.jsonl`).
    pub rejected: usize,
    /// Events still waiting (the endpoint was unreachable or failing until the deadline).
    pub left: usize,
    /// Whether another sender held the outbox (nothing was tried).
    pub busy: bool,
}

/// Posts an outbox's events to its endpoint.
#[derive(Clone, Debug)]
pub struct Sender {
    client: reqwest::Client,
    endpoint: HttpEndpoint,
    outbox: Outbox,
}

/// How one post ended.
enum Posted {
    Taken,
    Refused(u16, String),
    Failed(String),
}

impl Sender {
    /// A sender of `outbox` to `endpoint`.
    pub fn new(endpoint: HttpEndpoint, outbox: Outbox) -> Result<Self, LineageError> {
        let client = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(2))
            .build()
            .map_err(|error| LineageError::Config(format!("HTTP client: {error}")))?;
        Ok(Self {
            client,
            endpoint,
            outbox,
        })
    }

    /// Sends waiting events in order until none is left or `deadline()` passes (read again
    /// before each try, so a caller may pull it closer). Failed tries back off (100 ms,
    /// doubling, at most 2 s).
    pub async fn flush(&self, deadline: impl Fn() -> Instant) -> Result<Flushed, LineageError> {
        fs::create_dir_all(&self.outbox.dir).map_err(|e| LineageError::io(&self.outbox.dir, e))?;
        let lock_path = self.outbox.dir.join(SENDER_LOCK);
        let sender_lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| LineageError::io(&lock_path, e))?;
        if sender_lock.try_lock().is_err() {
            return Ok(Flushed {
                busy: true,
                ..Flushed::default()
            });
        }
        let pending = self.outbox.pending()?;
        let mut flushed = Flushed::default();
        let mut index = 0;
        let mut backoff = FIRST_BACKOFF;
        while index < pending.len() {
            let (offset, line) = &pending[index];
            let now = Instant::now();
            let until = deadline();
            if now >= until {
                break;
            }
            match self.post(line, (until - now).min(REQUEST_TIMEOUT)).await {
                Posted::Taken => {
                    self.outbox.advance(*offset)?;
                    flushed.sent += 1;
                    index += 1;
                    backoff = FIRST_BACKOFF;
                }
                Posted::Refused(status, answer) => {
                    tracing::warn!(endpoint = %self.endpoint.url, status, %answer, "lineage endpoint refused an event; kept in rejected.jsonl");
                    self.outbox.reject(line, status, &answer)?;
                    self.outbox.advance(*offset)?;
                    flushed.rejected += 1;
                    index += 1;
                }
                Posted::Failed(reason) => {
                    tracing::debug!(endpoint = %self.endpoint.url, %reason, "lineage endpoint unavailable; will retry");
                    // Wait out the backoff in short steps, so that a deadline pulled closer
                    // (the job is closing) ends the wait.
                    let wake = Instant::now() + backoff;
                    loop {
                        let until = wake.min(deadline());
                        if Instant::now() >= until {
                            break;
                        }
                        tokio::time::sleep_until(until.min(Instant::now() + BACKOFF_STEP)).await;
                    }
                    backoff = (backoff * 2).min(MAX_BACKOFF);
                }
            }
        }
        flushed.left = pending.len() - index;
        Ok(flushed)
    }

    async fn post(&self, line: &str, timeout: Duration) -> Posted {
        let mut request = self
            .client
            .post(self.endpoint.url.clone())
            .timeout(timeout)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(line.to_string());
        if let Some(key) = &self.endpoint.api_key {
            request = request.bearer_auth(key);
        }
        match request.send().await {
            Ok(response) => {
                let status = response.status();
                if status.is_success() {
                    return Posted::Taken;
                }
                let answer = response.text().await.unwrap_or_default();
                let code = status.as_u16();
                if status.is_client_error() && code != 408 && code != 429 {
                    Posted::Refused(code, answer)
                } else {
                    Posted::Failed(format!("{status}: {answer}"))
                }
            }
            Err(error) => Posted::Failed(error.to_string()),
        }
    }
}
