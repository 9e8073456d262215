//! Reading ahead: a shard's records are read and buffered on a task of their own, so the
//! next buffer fills while the previous one is converted and written.

use std::sync::atomic::Ordering;
use std::time::Duration;

use lakeforge_stream::{Record, StreamError, StreamReader};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::buffer::Buffer;
use super::delivery::DeliveryMode;
use super::position::Resume;

/// Records asked for per read.
const READ_BATCH: usize = 10_000;
/// Longest wait for new records in follow mode before checking the buffer and the stop flag.
const TAIL_WAIT: Duration = Duration::from_millis(500);

/// A buffer due for delivery.
pub(crate) struct Filled {
    /// The records, oldest first.
    pub records: Vec<Record>,
    /// The shard ordinal of the last record (see [`super::position`]).
    pub ordinal: u64,
}

/// Reads `reader` (opened after `resume.after`) on a task of its own and hands over each buffer as it becomes due (by
/// `buffer`'s size and age), one buffer ahead of the delivery; a read error ends the
/// reading after it is handed over. The task ends when the run's `mode` says so, or when
/// the receiver is dropped.
pub(crate) fn spawn(
    reader: Box<dyn StreamReader>,
    resume: Resume,
    mode: DeliveryMode,
    buffer: Buffer,
) -> (mpsc::Receiver<Result<Filled, StreamError>>, JoinHandle<()>) {
    let (filled, receiver) = mpsc::channel(1);
    let task = tokio::spawn(fill(reader, resume, mode, buffer, filled));
    (receiver, task)
}

async fn fill(
    mut reader: Box<dyn StreamReader>,
    resume: Resume,
    mode: DeliveryMode,
    mut buffer: Buffer,
    filled: mpsc::Sender<Result<Filled, StreamError>>,
) {
    let (mut skip, mut ordinal) = (resume.skip, resume.ordinal);
    let hand_over = |buffer: &mut Buffer, ordinal: u64| {
        filled.send(Ok(Filled {
            records: buffer.take(),
            ordinal,
        }))
    };
    loop {
        let read = match &mode {
            DeliveryMode::UntilCaughtUp => reader.read(READ_BATCH).await,
            DeliveryMode::Follow { .. } => {
                let wait = buffer
                    .time_left()
                    .clamp(Duration::from_millis(1), TAIL_WAIT);
                reader.tail(READ_BATCH, wait).await
            }
        };
        let records = match read {
            Ok(records) => records,
            Err(e) => {
                let _ = filled.send(Err(e)).await;
                return;
            }
        };
        let caught_up = records.is_empty();
        let skipped = records
            .len()
            .min(usize::try_from(skip).unwrap_or(usize::MAX));
        skip -= skipped as u64;
        for record in records.into_iter().skip(skipped) {
            ordinal += 1;
            buffer.push(record);
            if buffer.is_due() && hand_over(&mut buffer, ordinal).await.is_err() {
                return;
            }
        }
        let stopping = match &mode {
            DeliveryMode::UntilCaughtUp => caught_up,
            DeliveryMode::Follow { stop } => stop.load(Ordering::SeqCst),
        };
        if !buffer.is_empty()
            && (stopping || buffer.is_due())
            && hand_over(&mut buffer, ordinal).await.is_err()
        {
            return;
        }
        if stopping {
            return;
        }
    }
}
