//! Readers of the embedded log: a cursor that walks the segments in order,
//! reading many records per call from a buffered file, and waits for new
//! records through the writer's watch channel.

use std::io::ErrorKind;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use async_trait::async_trait;
use tokio::time::Instant;
use tracing::warn;

use super::segment::{SegmentFile, Step};
use super::{Shared, blocking};
use crate::error::StreamError;
use crate::record::Record;
use crate::stream::StreamReader;

/// A [`StreamReader`] over the embedded log.
pub(crate) struct EmbeddedReader {
    shared: Arc<Shared>,
    /// The file-reading state, used from blocking tasks.
    cursor: Arc<Mutex<Cursor>>,
    /// The cursor's next sequence as of the last read.
    next_seq: u64,
}

impl EmbeddedReader {
    /// A reader whose first record will be `next_seq` (or the oldest retained).
    pub(crate) fn new(shared: Arc<Shared>, next_seq: u64) -> Self {
        let cursor = Cursor {
            shared: Arc::clone(&shared),
            next_seq,
            segment: None,
        };
        EmbeddedReader {
            shared,
            cursor: Arc::new(Mutex::new(cursor)),
            next_seq,
        }
    }
}

#[async_trait]
impl StreamReader for EmbeddedReader {
    async fn read(&mut self, max_records: usize) -> Result<Vec<Record>, StreamError> {
        let visible = self.shared.last_visible();
        if max_records == 0 || self.next_seq > visible {
            return Ok(Vec::new());
        }
        let cursor = Arc::clone(&self.cursor);
        let (records, next_seq) = blocking(&self.shared.name, move || {
            let mut cursor = cursor.lock().unwrap_or_else(PoisonError::into_inner);
            let records = cursor.read(max_records, visible)?;
            Ok((records, cursor.next_seq))
        })
        .await?;
        self.next_seq = next_seq;
        Ok(records)
    }

    async fn tail(
        &mut self,
        max_records: usize,
        timeout: Duration,
    ) -> Result<Vec<Record>, StreamError> {
        let deadline = Instant::now() + timeout;
        let mut visible = self.shared.visible.subscribe();
        loop {
            let records = self.read(max_records).await?;
            if !records.is_empty() || max_records == 0 {
                return Ok(records);
            }
            let next = self.next_seq;
            match tokio::time::timeout_at(deadline, visible.wait_for(|&last| last >= next)).await {
                Ok(Ok(_)) => continue,
                Ok(Err(_)) | Err(_) => return Ok(records),
            }
        }
    }
}

/// Where a reader is: the next sequence and the open segment holding it.
struct Cursor {
    shared: Arc<Shared>,
    next_seq: u64,
    segment: Option<SegmentFile>,
}

impl Cursor {
    /// Reads up to `max` records, none past `visible`. A corrupt frame ends
    /// the batch early if records were read, and is an error otherwise.
    fn read(&mut self, max: usize, visible: u64) -> Result<Vec<Record>, StreamError> {
        let available = (visible + 1).saturating_sub(self.next_seq);
        let mut out = Vec::with_capacity(max.min(usize::try_from(available).unwrap_or(max)));
        while out.len() < max && self.next_seq <= visible {
            if self.segment.is_none() {
                self.segment = Some(self.open_at_next()?);
            }
            let segment = self.segment.as_mut().expect("opened above");
            match segment.next()? {
                Step::Record(record) => {
                    self.next_seq += 1;
                    out.push(record);
                }
                Step::End => {
                    let (first, path) = (segment.first_seq(), segment.path().to_owned());
                    self.segment = None;
                    self.move_past(first, path)?;
                }
                Step::Invalid { offset, reason } => {
                    let path = segment.path().to_owned();
                    self.segment = None;
                    if out.is_empty() {
                        return Err(StreamError::Corrupt {
                            path,
                            offset,
                            reason,
                        });
                    }
                    break;
                }
            }
        }
        Ok(out)
    }

    /// After the segment starting at `first` ended, continues in the next one.
    fn move_past(&mut self, first: u64, path: std::path::PathBuf) -> Result<(), StreamError> {
        let next = self.shared.segments().into_iter().find(|&f| f > first);
        match next {
            Some(next_first) => {
                if next_first > self.next_seq {
                    warn!(
                        stream = %self.shared.name,
                        missing_from = self.next_seq,
                        missing_to = next_first - 1,
                        "records missing between segments (lost in a power failure with fsync = never?)"
                    );
                    self.next_seq = next_first;
                }
                Ok(())
            }
            None => Err(StreamError::Corrupt {
                path,
                offset: 0,
                reason: format!(
                    "the segment ends before sequence {}, which the stream has written",
                    self.next_seq
                ),
            }),
        }
    }

    /// Opens the segment holding `next_seq` and skips to it. A position that
    /// retention has deleted moves to the oldest retained record.
    fn open_at_next(&mut self) -> Result<SegmentFile, StreamError> {
        let mut retried = false;
        loop {
            let segments = self.shared.segments();
            let oldest = segments[0];
            if self.next_seq < oldest {
                warn!(
                    stream = %self.shared.name,
                    position = self.next_seq,
                    oldest,
                    "records before the oldest retained one have expired; reading from the oldest"
                );
                self.next_seq = oldest;
            }
            let first = segments[segments.partition_point(|&f| f <= self.next_seq) - 1];
            let path = self.shared.segment_path(first);
            let mut segment = match SegmentFile::open(path.clone(), first) {
                Ok(segment) => segment,
                // Retention deleted it after we listed it: list again, once.
                Err(e) if e.kind() == ErrorKind::NotFound && !retried => {
                    retried = true;
                    continue;
                }
                Err(e) => return Err(StreamError::io("open segment", path)(e)),
            };
            for _ in first..self.next_seq {
                match segment.next()? {
                    Step::Record(_) => {}
                    Step::End => {
                        return Err(StreamError::Corrupt {
                            path,
                            offset: 0,
                            reason: format!("the segment ends before sequence {}", self.next_seq),
                        });
                    }
                    Step::Invalid { offset, reason } => {
                        return Err(StreamError::Corrupt {
                            path,
                            offset,
                            reason,
                        });
                    }
                }
            }
            return Ok(segment);
        }
    }
}
