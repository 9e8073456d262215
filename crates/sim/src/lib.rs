//! The lakeforge retail simulator: a deterministic online retailer whose
//! customers browse, search, shop, review, chat with support and churn, so
//! that a data lake gets data with meaning — data that responds to better
//! search and recommendations, and comes with its ground truth.
//!
//! It produces:
//! * a **clickstream** of JSON events ([`outputs::clickstream`]) into a
//!   lakeforge stream ([`StreamSink`]) and/or files;
//! * an **OLTP database** in the seed's schema `c360` ([`oltp::schema`]):
//!   inserts, updates and deletes in transactions, for change data capture
//!   ([`DatabaseSink`]: SQLite, MySQL/MariaDB, PostgreSQL);
//! * the **ground truth** ([`GroundTruth`]): personas, churn dates,
//!   duplicate-identity clusters, realised lifetime value.
//!
//! ```no_run
//! # async fn demo() -> Result<(), lakeforge_sim::SimError> {
//! use lakeforge_sim::{SimParams, Simulation, open_sinks};
//!
//! let params = SimParams::from_spec(&lakeforge_spec::Simulator::default())?;
//! let mut sinks = open_sinks(&params, None).await?;
//! let mut simulation = Simulation::new(params)?;
//! let summary = simulation.run(&mut sinks, |day| eprintln!("day {}/{}", day.days_done, day.days)).await?;
//! println!("{summary}");
//! # Ok(()) }
//! ```
//!
//! Determinism: the same parameters give identical output. Every random
//! draw comes from a stream derived from `(seed, purpose, entity, day)`;
//! people are simulated one after another, and each day's events and changes
//! are put in time order before ids are given, so the result does not depend
//! on the runtime or its thread count.

#![warn(missing_docs)]

mod behaviour;
mod calendar;
mod error;
mod events;
mod ground_truth;
pub mod oltp;
pub mod outputs;
mod pacing;
mod params;
mod seed;
mod simulation;
mod summary;
mod texts;
mod timefmt;
mod world;

pub use error::SimError;
pub use events::{Batch, BatchView, Event, EventKind, Line, Platform, Query};
pub use ground_truth::{GroundTruth, PersonTruth};
pub use outputs::{DatabaseSink, FilesSink, NullSink, Sink, StreamSink, open_sinks};
pub use params::{DEFAULT_SCHEMA, MAX_CUSTOMERS, MAX_DAYS, MAX_PRODUCTS, SimParams, parse_date};
pub use simulation::Simulation;
pub use summary::{DayProgress, SimSummary};
pub use world::World;
pub use world::persona::Persona;
