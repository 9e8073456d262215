//! `[streams.<name>]`: declared event streams.

use serde::{Deserialize, Serialize};

use crate::setters::setter;
use crate::string_enum::string_enum;

string_enum! {
    /// Where a stream's records are kept.
    #[derive(Default)]
    pub enum StreamBackend ("stream backend") {
        /// The embedded durable log under `.lakeforge/` (one machine).
        #[default]
        Embedded = "embedded",
        /// NATS JetStream.
        Nats = "nats",
        /// Amazon Kinesis Data Streams (always on the AWS target).
        Kinesis = "kinesis",
    }
}

/// `[streams.<name>]`: an event stream (a Kinesis stream on AWS, whose naming
/// rules the name follows: 1 to 128 of `a-z A-Z 0-9 _ . -`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Stream {
    /// Backend used by the local target.
    pub backend: StreamBackend,
    /// Endpoint for the `nats` (`nats://host:4222`) or `kinesis` (`https://…`) backend.
    pub url: Option<String>,
    /// Kinesis shards (1 to 500).
    pub shard_count: u32,
    /// How long records are kept, in hours (Kinesis: 24 to 8760).
    pub retention_hours: u32,
}

impl Default for Stream {
    fn default() -> Self {
        Self {
            backend: StreamBackend::Embedded,
            url: None,
            shard_count: 1,
            retention_hours: 24,
        }
    }
}

impl Stream {
    setter!(backend: StreamBackend);
    setter!(url: some String);
    setter!(shard_count: u32);
    setter!(retention_hours: u32);
}
