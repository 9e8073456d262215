//! lakeforge's dbt-compatible runner: dbt projects run unchanged on the lake.
//!
//! A dbt project (dbt_project.yml, models, seeds, snapshots, tests, macros, packages) is
//! parsed into a [`manifest::Manifest`], compiled with Jinja ([minijinja], with dbt's context
//! and macros) and run with DataFusion over the lake's Delta tables. A relation
//! `database.schema.identifier` is `project.zone.table`: the target's output of
//! `type: lakeforge` names the project (database) and zone (schema).
//!
//! ```no_run
//! # async fn demo(lake: lakeforge_lake::Lake) {
//! use lakeforge_transform::{DbtArgs, DbtCommand, invoke};
//! let args = DbtArgs::new(DbtCommand::Build, "dbt");
//! let code = invoke(&lake, Some("retail"), &args, Box::new(std::io::stdout())).await;
//! assert_eq!(code, 0);
//! # }
//! ```

pub mod artifacts;
pub mod compile;
pub mod config;
mod data_test;
mod docs;
pub mod error;
pub mod executor;
mod freshness;
pub mod generic_test;
pub mod graph;
pub mod invocation;
pub mod jinja;
mod lineage;
pub mod log;
pub mod manifest;
mod materialize;
pub mod parse;
pub mod profile;
pub mod project;
pub mod properties;
pub mod run;
mod seed;
pub mod select;
mod snapshot;
mod yaml;

pub use error::TransformError;
pub use invocation::{DbtArgs, DbtCommand, exit, invoke};
