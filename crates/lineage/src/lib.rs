//! lakeforge's lineage: every job run reports OpenLineage `RunEvent`s.
//!
//! - [`event`] and [`facets`]: the OpenLineage event model (spec 2-0-2) and the facets
//!   lakeforge emits, with their current `_schemaURL`s.
//! - [`naming`]: dataset names after the OpenLineage naming spec (object-store zones, MySQL,
//!   PostgreSQL, streams), with a `symlinks` facet carrying the lakeforge name.
//! - [`column`](mod@column): column-level lineage read off DataFusion logical plans.
//! - [`emit`]: the emitter producers call (`start`, `running`, `complete`, `fail`), writing to
//!   the local store (always), an HTTP endpoint (Marquez-compatible, with an on-disk outbox)
//!   and the console.
//! - [`store`], [`graph`], [`runs`], [`render`]: reading the local store back: which jobs and
//!   columns feed a table or column, what it feeds, and the runs.
//! - [`config`] and [`http`]: where events go (spec, `OPENLINEAGE_*` variables) and the HTTP
//!   transport's outbox.
//!
//! This crate knows no producer: the lake, ingest, CDC and transform crates call it.

pub mod column;
pub mod config;
pub mod emit;
pub mod error;
pub mod event;
pub mod facets;
pub mod graph;
pub mod http;
pub mod naming;
pub mod render;
pub mod runs;
pub mod store;
#[cfg(test)]
mod test_events;

pub use config::LineageConfig;
pub use emit::{Integration, JobSpec, Lineage, Processing, RunHandle};
pub use error::LineageError;
pub use event::{EventType, RunEvent};
pub use naming::{Dataset, DatasetId, DatasetKind};
