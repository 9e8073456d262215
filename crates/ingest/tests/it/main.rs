//! Streaming ingestion end to end: embedded and NATS streams into Delta tables, buffering,
//! partition paths, schema evolution, error routing, and exactly-once delivery across kill -9.

mod crash;
mod delivery;
mod support;
