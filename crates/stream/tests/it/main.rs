//! Integration tests of lakeforge-stream: behaviour every backend shares
//! (`conformance`, run by `embedded` and `nats`), the embedded log's own
//! guarantees (segments, retention, crash recovery, kill -9), and the factory.

mod conformance;
mod embedded;
mod factory;
mod kill9;
mod nats;
mod recovery;
mod segments;
mod support;
