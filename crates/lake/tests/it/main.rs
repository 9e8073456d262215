//! Integration tests of the lake core: loading, SQL, partitions, schema evolution, time travel,
//! idempotent commits, S3 roots against a real S3-compatible server, and other engines reading
//! our tables.

mod interop;
mod load_query;
mod s3;
mod support;
mod tables;
