//! Streaming ingestion end to end: embedded and NATS streams into Delta tables, buffering,
//! partition paths, schema evolution, error routing, and exactly-once delivery across kill -9; CDC apply into silver.

mod cdc;
mod crash;
mod delivery;
mod shards;
mod support;
