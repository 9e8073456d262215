//! Streaming ingestion: stream → buffered, partitioned Delta table in a zone.

mod buffer;
mod convert;
mod delivery;
mod errors;
mod event_time;
pub mod lineage;
mod position;
mod read_ahead;
mod source;

pub use delivery::{
    DeliveryError, DeliveryMode, DeliveryProgress, DeliverySummary, StreamingDelivery,
};
pub use errors::ERROR_SUFFIX;
pub use source::open_spec_stream;
