//! Readers of a NATS stream: an ordered pull consumer, drained in batches.

use std::time::Duration;

use async_nats::Subject;
use async_nats::jetstream::consumer::DeliverPolicy;
use async_nats::jetstream::consumer::pull::{Ordered, OrderedConfig};
use async_nats::jetstream::{self, Message};
use async_trait::async_trait;
use futures::StreamExt;

use super::{KEY_HEADER, nats_error};
use crate::error::StreamError;
use crate::record::Record;
use crate::sequence::Sequence;
use crate::stream::StreamReader;

/// How long to wait for a message the server has said is there.
const DELIVERY_TIMEOUT: Duration = Duration::from_secs(5);

/// A [`StreamReader`] over a NATS stream.
pub(crate) struct NatsReader {
    name: String,
    stream: jetstream::stream::Stream,
    messages: Ordered,
    /// The sequence after the last one returned.
    next_seq: u64,
}

impl NatsReader {
    /// A reader of `stream` from sequence `start` (`None`: the oldest retained).
    pub(crate) async fn open(
        name: &str,
        stream: &jetstream::stream::Stream,
        subject: &Subject,
        start: Option<u64>,
    ) -> Result<Self, StreamError> {
        let deliver_policy = match start {
            None => DeliverPolicy::All,
            Some(start_sequence) => DeliverPolicy::ByStartSequence { start_sequence },
        };
        let messages = stream
            .create_consumer(OrderedConfig {
                filter_subject: subject.to_string(),
                deliver_policy,
                ..Default::default()
            })
            .await
            .map_err(nats_error(name, "create an ordered consumer"))?
            .messages()
            .await
            .map_err(nats_error(name, "start reading"))?;
        Ok(NatsReader {
            name: name.to_owned(),
            stream: stream.clone(),
            messages,
            next_seq: start.unwrap_or(1),
        })
    }

    /// Returns up to `max` records, waiting up to `first_wait` for the first;
    /// stops early once the server reports nothing more pending.
    async fn collect(
        &mut self,
        max: usize,
        first_wait: Duration,
    ) -> Result<Vec<Record>, StreamError> {
        let mut records = Vec::new();
        let mut wait = first_wait;
        while records.len() < max {
            let Ok(next) = tokio::time::timeout(wait, self.messages.next()).await else {
                break;
            };
            let message = next
                .ok_or_else(|| StreamError::Closed {
                    stream: self.name.clone(),
                })?
                .map_err(nats_error(&self.name, "receive a record"))?;
            let (record, pending) = self.take_record(message)?;
            records.push(record);
            if pending == 0 {
                break;
            }
            wait = DELIVERY_TIMEOUT;
        }
        Ok(records)
    }

    /// The record in `message`, and how many more the server had pending.
    fn take_record(&mut self, message: Message) -> Result<(Record, u64), StreamError> {
        let info = message
            .info()
            .map_err(nats_error(&self.name, "read a record's metadata"))?;
        let (sequence, pending) = (info.stream_sequence, info.pending);
        let arrival_ms =
            u64::try_from(info.published.unix_timestamp_nanos() / 1_000_000).unwrap_or(0);
        let key = match message.headers.as_ref().and_then(|h| h.get(KEY_HEADER)) {
            // Published by another client, without a key.
            None => String::new(),
            Some(value) => serde_json::from_str(value.as_str()).map_err(|e| {
                StreamError::InvalidRecord {
                    reason: format!(
                        "record {sequence} of NATS stream {:?} has a malformed {KEY_HEADER} header: {e}",
                        self.name
                    ),
                }
            })?,
        };
        self.next_seq = sequence + 1;
        let record = Record {
            sequence: Sequence::from(sequence),
            key,
            payload: message.payload.clone(),
            arrival_ms,
        };
        Ok((record, pending))
    }
}

#[async_trait]
impl StreamReader for NatsReader {
    async fn read(&mut self, max_records: usize) -> Result<Vec<Record>, StreamError> {
        if max_records == 0 {
            return Ok(Vec::new());
        }
        let state = self
            .stream
            .get_info()
            .await
            .map_err(nats_error(&self.name, "read the stream's state"))?
            .state;
        if state.messages == 0 || state.last_sequence < self.next_seq {
            return Ok(Vec::new());
        }
        self.collect(max_records, DELIVERY_TIMEOUT).await
    }

    async fn tail(
        &mut self,
        max_records: usize,
        timeout: Duration,
    ) -> Result<Vec<Record>, StreamError> {
        if max_records == 0 {
            return Ok(Vec::new());
        }
        self.collect(max_records, timeout).await
    }
}
