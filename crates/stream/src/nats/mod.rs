//! The NATS JetStream backend.
//!
//! * Stream `name` is the JetStream stream `lakeforge-<name>` on subject
//!   `lakeforge.<name>` (file storage, `max_age` = retention), created if
//!   missing; one shard, [`ShardId::single`]; sequences are the JetStream
//!   stream sequences. A `shard_count` other than 1 is refused at open
//!   ([`StreamError::Config`]): shards would need one JetStream stream (or
//!   subject and sequence space) per shard, and a JetStream stream is already
//!   scaled by the server, so the backend stays one ordered log.
//! * An append is a publish that waits for the JetStream ack (the record is
//!   stored); batches keep up to `MAX_PENDING_ACKS` publishes in flight.
//!   The partition key travels in the `Lakeforge-Key` header, JSON-quoted so
//!   that every character survives.
//! * A reader is an ordered pull consumer: ephemeral, without acks, recreated
//!   by the client if it misses a message, so it yields each record once, in order.
//! * Checkpoints live in the key-value bucket `lakeforge-checkpoints-<name>`
//!   (module `checkpoints`). A KV entry is exactly "commit a position, read
//!   it back": any position can be stored, including a rewind, and it is as
//!   durable as the stream. A durable consumer was not chosen: its ack floor
//!   only moves by acknowledging delivered messages, cannot be set to an
//!   arbitrary position, and ties the checkpoint to one delivery session.

mod checkpoints;
mod reader;

use std::collections::VecDeque;
use std::time::Duration;

use async_nats::jetstream::{self, stream::StorageType};
use async_nats::{HeaderMap, Subject};
use async_trait::async_trait;
use tracing::info;

use self::checkpoints::Checkpoints;
use self::reader::NatsReader;
use crate::config::StreamConfig;
use crate::error::StreamError;
use crate::record::{Appended, NewRecord, StartPosition};
use crate::sequence::{Sequence, ShardId};
use crate::stream::{Stream, StreamReader};
use crate::validate;

/// Header carrying the JSON-quoted partition key.
const KEY_HEADER: &str = "Lakeforge-Key";
/// Publishes of one batch awaiting their ack at once.
const MAX_PENDING_ACKS: usize = 256;
/// How long to wait for the server when connecting.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// A stream stored in NATS JetStream (see the module docs for the mapping).
pub struct NatsStream {
    name: String,
    subject: Subject,
    shard: ShardId,
    jetstream: jetstream::Context,
    stream: jetstream::stream::Stream,
    checkpoints: Checkpoints,
}

impl std::fmt::Debug for NatsStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NatsStream")
            .field("name", &self.name)
            .field("subject", &self.subject)
            .finish_non_exhaustive()
    }
}

impl NatsStream {
    /// Connects to `config.url` (default [`StreamConfig::DEFAULT_NATS_URL`])
    /// and opens stream `name`, creating its JetStream stream and checkpoint
    /// bucket if missing and applying `config.retention` as the stream's `max_age`.
    pub async fn connect(name: &str, config: &StreamConfig) -> Result<Self, StreamError> {
        validate::name("stream", name)?;
        if config.shard_count != 1 {
            return Err(StreamError::Config {
                stream: name.to_owned(),
                problem: format!(
                    "shard_count is {}, but the NATS backend keeps a stream in one JetStream \
                     stream, which is one ordered log",
                    config.shard_count
                ),
                fix: "set shard_count = 1 for NATS streams (JetStream scales a stream by its \
                      server, not by shards), or use backend = \"embedded\" or \"kinesis\""
                    .to_owned(),
            });
        }
        let url = config
            .url
            .as_deref()
            .unwrap_or(StreamConfig::DEFAULT_NATS_URL);
        let client = async_nats::ConnectOptions::new()
            .connection_timeout(CONNECT_TIMEOUT)
            .connect(url)
            .await
            .map_err(nats_error(
                name,
                format!(
                    "connect to {url} (is nats-server running, with JetStream enabled by -js?)"
                ),
            ))?;
        let jetstream = jetstream::new(client);
        let subject = format!("lakeforge.{name}");
        let max_age = config.retention.unwrap_or_default();
        let stream = jetstream
            .get_or_create_stream(jetstream::stream::Config {
                name: format!("lakeforge-{name}"),
                subjects: vec![subject.clone()],
                max_age,
                storage: StorageType::File,
                ..Default::default()
            })
            .await
            .map_err(nats_error(name, "create the JetStream stream"))?;
        if stream.cached_info().config.max_age != max_age {
            let mut updated = stream.cached_info().config.clone();
            updated.max_age = max_age;
            jetstream
                .update_stream(updated)
                .await
                .map_err(nats_error(name, "update the stream's retention"))?;
        }
        let checkpoints = Checkpoints::open(&jetstream, name).await?;
        info!(stream = name, %url, "opened NATS stream");
        Ok(NatsStream {
            name: name.to_owned(),
            subject: Subject::from(subject),
            shard: ShardId::single(),
            jetstream,
            stream,
            checkpoints,
        })
    }

    /// The stream's newest sequence (0 when it never had a record).
    async fn last_sequence(&self) -> Result<u64, StreamError> {
        let info = self
            .stream
            .get_info()
            .await
            .map_err(nats_error(&self.name, "read the stream's state"))?;
        Ok(info.state.last_sequence)
    }
}

/// A closure that wraps a NATS client error with the stream and action.
fn nats_error<E: Into<async_nats::Error>>(
    stream: &str,
    action: impl Into<String>,
) -> impl FnOnce(E) -> StreamError {
    let (stream, action) = (stream.to_owned(), action.into());
    move |source| StreamError::Nats {
        stream,
        action,
        source: source.into(),
    }
}

#[async_trait]
impl Stream for NatsStream {
    fn name(&self) -> &str {
        &self.name
    }

    async fn shards(&self) -> Result<Vec<ShardId>, StreamError> {
        Ok(vec![self.shard.clone()])
    }

    async fn append_batch(&self, records: Vec<NewRecord>) -> Result<Vec<Appended>, StreamError> {
        records.iter().try_for_each(validate::record)?;
        let mut appended = Vec::with_capacity(records.len());
        let mut pending = VecDeque::with_capacity(MAX_PENDING_ACKS.min(records.len()));
        let acked = |ack: Result<jetstream::publish::PublishAck, _>| {
            ack.map(|ack| Appended {
                shard: self.shard.clone(),
                sequence: Sequence::from(ack.sequence),
            })
            .map_err(nats_error(&self.name, "store a record (publish ack)"))
        };
        for record in records {
            let mut headers = HeaderMap::new();
            headers.insert(KEY_HEADER, serde_json::Value::from(record.key).to_string());
            let ack = self
                .jetstream
                .publish_with_headers(self.subject.clone(), headers, record.payload)
                .await
                .map_err(nats_error(&self.name, "publish"))?;
            pending.push_back(ack);
            if pending.len() >= MAX_PENDING_ACKS
                && let Some(oldest) = pending.pop_front()
            {
                appended.push(acked(oldest.await)?);
            }
        }
        for ack in pending {
            appended.push(acked(ack.await)?);
        }
        Ok(appended)
    }

    async fn open_reader(
        &self,
        shard: &ShardId,
        from: StartPosition,
    ) -> Result<Box<dyn StreamReader>, StreamError> {
        shard.require_single(&self.name)?;
        let start = match from {
            StartPosition::Earliest => None,
            StartPosition::Latest => Some(self.last_sequence().await? + 1),
            StartPosition::After(sequence) => Some(sequence.require_u64()?.saturating_add(1)),
        };
        let reader = NatsReader::open(&self.name, &self.stream, &self.subject, start).await?;
        Ok(Box::new(reader))
    }

    async fn commit(
        &self,
        consumer: &str,
        shard: &ShardId,
        sequence: &Sequence,
    ) -> Result<(), StreamError> {
        validate::name("consumer", consumer)?;
        shard.require_single(&self.name)?;
        let sequence = sequence.require_u64()?;
        validate::committable(&self.name, sequence, self.last_sequence().await?)?;
        self.checkpoints.commit(consumer, shard, sequence).await
    }

    async fn checkpoint(
        &self,
        consumer: &str,
        shard: &ShardId,
    ) -> Result<Option<Sequence>, StreamError> {
        validate::name("consumer", consumer)?;
        shard.require_single(&self.name)?;
        self.checkpoints.load(consumer, shard).await
    }
}
