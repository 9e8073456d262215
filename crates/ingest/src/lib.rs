//! lakeforge ingestion.
//!
//! [`streaming`]: the StreamingIngestion construct run locally — records from a stream are
//! buffered like Amazon Data Firehose (by size and interval), converted from JSON to a Delta
//! table in the destination zone partitioned by event hour, with bad records routed to an
//! error prefix, and the stream position committed in the same Delta commit as the data, so
//! delivery is exactly once across crashes.
//!
//! [`cdc`]: CDC apply — the change batches a `[cdc.<id>]` lands in bronze merged into one
//! silver Delta table per source table (current state, deletes applied), exactly once.

pub mod cdc;
pub mod streaming;
