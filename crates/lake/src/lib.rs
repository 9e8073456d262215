//! lakeforge's lake core.
//!
//! A project's zones (bronze, silver, gold) live under one object-store root
//! (`file://`, `s3://` or `memory://`). Every table is a Delta table at
//! `<root>/<project>-<zone>/<table>/`, and every table is reachable in SQL under the
//! three-part name `project.zone.table` (see [`sql`]).
//!
//! ```no_run
//! # async fn demo() -> Result<(), lakeforge_lake::LakeError> {
//! use lakeforge_lake::{Lake, LakeRoot};
//! let lake = Lake::new(LakeRoot::parse("memory://", None)?, vec!["retail".into()], Some("retail".into()));
//! let batches = lake.sql("SELECT * FROM retail.bronze.orders VERSION AS OF 0").await?.collect().await?;
//! # Ok(()) }
//! ```

mod catalog;
pub mod delta_types;
mod error;
mod lake;
pub mod lineage;
pub mod load;
mod root;
pub mod sql;
mod sql_types;
mod table_ref;
mod time_travel;
mod views;

pub use error::LakeError;
pub use lake::{Lake, TableInfo, WriteMode, WriteOptions};
pub use root::LakeRoot;
pub use table_ref::{TableRef, TableVersion};
pub use views::{ViewDefinition, plan_view};

/// Re-exported so callers use the exact Arrow/DataFusion versions the lake was built with.
pub use datafusion;
