//! Firehose-style buffering: deliver when the buffer reaches its size or its age.

use std::time::{Duration, Instant};

use lakeforge_stream::Record;

/// Records waiting for delivery, with the hints that flush them.
#[derive(Debug)]
pub(crate) struct Buffer {
    records: Vec<Record>,
    bytes: usize,
    opened: Option<Instant>,
    max_bytes: usize,
    max_age: Duration,
}

impl Buffer {
    /// A buffer flushed at `max_bytes` or when its oldest record is `max_age` old.
    pub(crate) fn new(max_bytes: usize, max_age: Duration) -> Self {
        Self {
            records: Vec::new(),
            bytes: 0,
            opened: None,
            max_bytes,
            max_age,
        }
    }

    pub(crate) fn push(&mut self, record: Record) {
        self.opened.get_or_insert_with(Instant::now);
        self.bytes += record.payload.len();
        self.records.push(record);
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Whether the size or interval hint says to deliver now.
    pub(crate) fn is_due(&self) -> bool {
        self.bytes >= self.max_bytes || self.opened.is_some_and(|t| t.elapsed() >= self.max_age)
    }

    /// How long until the interval hint fires (for waiting on new records).
    pub(crate) fn time_left(&self) -> Duration {
        match self.opened {
            Some(t) => self.max_age.saturating_sub(t.elapsed()),
            None => self.max_age,
        }
    }

    /// Takes the buffered records, leaving the buffer empty.
    pub(crate) fn take(&mut self) -> Vec<Record> {
        self.bytes = 0;
        self.opened = None;
        std::mem::take(&mut self.records)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lakeforge_stream::Sequence;

    fn record(bytes: usize) -> Record {
        Record {
            sequence: Sequence::from(1),
            key: "k".into(),
            payload: vec![b'x'; bytes].into(),
            arrival_ms: 0,
        }
    }

    #[test]
    fn size_hint_flushes_at_the_limit() {
        let mut buffer = Buffer::new(100, Duration::from_secs(3600));
        buffer.push(record(60));
        assert!(!buffer.is_due());
        buffer.push(record(40));
        assert!(buffer.is_due());
        assert_eq!(buffer.take().len(), 2);
        assert!(buffer.is_empty() && !buffer.is_due());
    }

    #[test]
    fn interval_hint_flushes_an_old_buffer() {
        let mut buffer = Buffer::new(usize::MAX, Duration::from_millis(30));
        assert!(!buffer.is_due(), "an empty buffer is never due");
        buffer.push(record(1));
        assert!(!buffer.is_due());
        std::thread::sleep(Duration::from_millis(40));
        assert!(buffer.is_due());
        assert_eq!(buffer.time_left(), Duration::ZERO);
    }
}
