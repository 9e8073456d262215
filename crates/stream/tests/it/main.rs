//! Integration tests of lakeforge-stream: behaviour every backend shares
//! (`conformance`, run by `embedded`, `nats` and `kinesis`; `sharded`, run by
//! `embedded` and `kinesis`), the embedded log's own guarantees (segments,
//! retention, crash recovery, kill -9, shards), and the factory.

mod conformance;
mod embedded;
mod factory;
mod kill9;
#[cfg(feature = "kinesis")]
mod kinesis;
mod nats;
mod recovery;
mod segments;
mod sharded;
mod support;
