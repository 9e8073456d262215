//! lakeforge change data capture — the DMS construct on one machine.
//!
//! Sources: MySQL/MariaDB (ROW binlog), PostgreSQL (pgoutput logical replication) and
//! SQLite (capture triggers). A full load of consistent snapshots, aligned with the
//! position where capture starts, lands as `LOAD00000001.parquet`… per table; ongoing
//! changes land as DMS-format Parquet files (`Op`, the commit-timestamp column) in
//! date-partitioned folders. Every batch is committed with the source position after it
//! in a commit log under `<prefix>/_lakeforge/cdc-log/`, exactly once.
//!
//! ```text
//! <zone>/<prefix>/<schema>/<table>/LOAD00000001.parquet
//! <zone>/<prefix>/<schema>/<table>/2024/05/16/13/20240516-134501123-0000000002-000.parquet
//! <zone>/<prefix>/_lakeforge/cdc-log/00000000000000000001.json
//! ```

#![warn(missing_docs)]

pub mod error;
pub mod event;
pub mod landing;
pub mod mapping;
pub mod pipeline;
pub mod position;
pub mod schema;
pub mod snapshot;
pub mod source;
pub mod types;
pub mod value;

pub use error::{CdcError, Result};
pub use event::{Op, SchemaChange};
pub use landing::log::{BatchKind, ChangeBatch, CommitLog, LandedFile};
pub use pipeline::{BatchLimits, CdcPipeline, CdcStatus, CdcSummary, Phase, Progress, RunMode};
pub use position::Position;
pub use source::ConfigProblem;
