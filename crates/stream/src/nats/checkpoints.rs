//! Consumer checkpoints of a NATS stream, in the JetStream key-value bucket
//! `lakeforge-checkpoints-<name>`: key `<consumer>.<shard>`, value the last
//! processed sequence in decimal.
//!
//! The bucket's backing stream is created here with the standard key-value
//! layout (stream `KV_<bucket>`, subjects `$KV.<bucket>.>`, one message per
//! key), so NATS tools see an ordinary bucket. It is not created through
//! async-nats' `create_key_value`, because that first reads the account info,
//! which async-nats cannot parse from servers older than 2.10 (they lack the
//! `reserved_*` fields), such as Debian's nats-server 2.9.

use async_nats::jetstream::stream::{Config, DiscardPolicy, StorageType};
use async_nats::jetstream::{self, kv};

use super::nats_error;
use crate::error::StreamError;
use crate::sequence::{Sequence, ShardId};

/// The checkpoint bucket of one stream.
pub(crate) struct Checkpoints {
    stream: String,
    store: kv::Store,
}

impl Checkpoints {
    /// Opens the bucket of `stream`, creating it if missing.
    pub(crate) async fn open(
        jetstream: &jetstream::Context,
        stream: &str,
    ) -> Result<Self, StreamError> {
        let bucket = format!("lakeforge-checkpoints-{stream}");
        jetstream
            .get_or_create_stream(Config {
                name: format!("KV_{bucket}"),
                subjects: vec![format!("$KV.{bucket}.>")],
                max_messages_per_subject: 1,
                storage: StorageType::File,
                discard: DiscardPolicy::New,
                allow_rollup: true,
                deny_delete: true,
                allow_direct: true,
                ..Default::default()
            })
            .await
            .map_err(nats_error(stream, "create the checkpoint bucket"))?;
        let store = jetstream
            .get_key_value(bucket)
            .await
            .map_err(nats_error(stream, "open the checkpoint bucket"))?;
        Ok(Checkpoints {
            stream: stream.to_owned(),
            store,
        })
    }

    fn key(consumer: &str, shard: &ShardId) -> String {
        format!("{consumer}.{shard}")
    }

    /// Stores `sequence` as the checkpoint of `consumer` on `shard`.
    pub(crate) async fn commit(
        &self,
        consumer: &str,
        shard: &ShardId,
        sequence: u64,
    ) -> Result<(), StreamError> {
        self.store
            .put(Self::key(consumer, shard), sequence.to_string().into())
            .await
            .map_err(nats_error(
                &self.stream,
                format!("commit consumer {consumer:?}"),
            ))?;
        Ok(())
    }

    /// The checkpoint of `consumer` on `shard`, if any.
    pub(crate) async fn load(
        &self,
        consumer: &str,
        shard: &ShardId,
    ) -> Result<Option<Sequence>, StreamError> {
        let value = self
            .store
            .get(Self::key(consumer, shard))
            .await
            .map_err(nats_error(
                &self.stream,
                format!("read consumer {consumer:?}'s checkpoint"),
            ))?;
        value
            .map(|bytes| String::from_utf8_lossy(&bytes).parse::<Sequence>())
            .transpose()
    }
}
