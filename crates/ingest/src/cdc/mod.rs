//! CDC apply: the DMS-format change batches a [`CdcPipeline`] lands in bronze, merged into
//! one silver Delta table per source table — the source's current state, exactly once.
//!
//! * **Naming.** Source table `schema.table` of ingestion `[cdc.<id>]` lands as
//!   `<project>.silver.<landed schema>__<table>` (the landed schema is the renamed one, e.g.
//!   `c360raw__customer`; names lowercased, characters outside `[a-z0-9_]` as `_`), in the
//!   destination's project.
//! * **Exactly once.** Batches are read from the commit log only (never by listing data
//!   folders) and applied in `seq` order. Each table's Delta commit carries a `txn` action
//!   with app id `lakeforge-cdc/<id>/<schema>.<table>` and the last batch it applies as its
//!   version, in the same commit as the data: a batch at or below a table's version is
//!   skipped for that table, so a crash between tables, or between a commit and the next,
//!   neither loses nor repeats a change. `_lakeforge/cdc-apply/<id>.json` in the silver
//!   zone remembers where to start reading the log (a hint; the `txn` versions decide).
//! * **Merge.** Batch 1 replaces silver (full load files, or an empty table for
//!   capture-only ingestions). Then per primary key the row with the highest
//!   `_lf_change_seq` wins: `D` deletes, `I`/`U` upsert the full row image (a key change
//!   arrives as `D` old + `I` new). Tables without a primary key (or whose key is every
//!   column, as PostgreSQL reports `REPLICA IDENTITY FULL`) are multisets of full rows
//!   (`D` removes one equal row, `I` adds one, `U` changes nothing). Each apply commit
//!   rewrites the table it touches (copy-on-write of the whole table: merged in memory
//!   from the table's current rows and the batches' rows; consecutive batches, up to
//!   500 000 landed rows, go in one commit).
//! * **Schema.** Files are read by column name. A new column is added nullable; a dropped
//!   column stays with NULL for newer rows; type changes cast to the silver type (an error
//!   names the column if they cannot) and, like other DDL, are listed in
//!   [`ApplySummary::reported`]. Silver has the source's columns only: `Op`, the timestamp
//!   column and the `_lf_*` columns are not kept. Types Delta lacks: unsigned integers
//!   widen (`UInt64` → `decimal(20,0)`), times of day become text.
//! * **History.** With `history = true`, each keyed silver table also gets
//!   `<name>__history`, SCD type 2 (see [`history`]).

mod apply;
pub mod history;
pub mod lineage;
pub mod silver;

use std::path::PathBuf;
use std::time::Duration;

use lakeforge_cdc::{BatchLimits, CdcError, CdcPipeline, CdcSummary, Progress, RunMode};
use lakeforge_lake::{Lake, LakeError};
use lakeforge_lineage::Lineage;
use lakeforge_spec::CdcIngestion;
use serde::{Deserialize, Serialize};
use thiserror::Error;

pub use apply::{ApplySummary, TableApplied, app_id, apply, silver_table, silver_table_name};

/// What can go wrong applying changes.
#[derive(Debug, Error)]
pub enum ApplyError {
    /// Reading the commit log or capturing failed.
    #[error("cdc: {0}")]
    Cdc(#[from] CdcError),
    /// Reading or writing a silver table failed.
    #[error("lake: {0}")]
    Lake(#[from] LakeError),
    /// Reading a landed file or the apply hint failed.
    #[error("object store: {0}")]
    ObjectStore(#[from] object_store::Error),
    /// A landed file is not readable Parquet.
    #[error("landed file {path}: {message}")]
    Landed {
        /// The file, relative to the bronze zone.
        path: String,
        /// Why.
        message: String,
    },
    /// The merge could not combine the rows (e.g. a type change that cannot be cast).
    #[error("merging into {table}: {message}")]
    Merge {
        /// The silver table.
        table: String,
        /// Why.
        message: String,
    },
}

/// How long [`RunMode::Follow`] waits after a capture that found nothing new.
const IDLE_POLL: Duration = Duration::from_millis(500);

/// The result type of CDC apply.
pub type Result<T, E = ApplyError> = std::result::Result<T, E>;

/// What a [`CdcRun`] did.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CdcRunSummary {
    /// The capture (full load and landed changes).
    pub capture: CdcSummary,
    /// The apply to silver.
    pub apply: ApplySummary,
}

/// Capture then apply for one `[cdc.<id>]`: the pipeline lands in the destination zone of
/// `lake`, then [`apply`] merges what is committed into silver.
pub struct CdcRun {
    lake: Lake,
    id: String,
    spec: CdcIngestion,
    pipeline: CdcPipeline,
    lineage: Option<lineage::CdcLineage>,
}

impl CdcRun {
    /// The run of ingestion `id` into `lake`; capture state (the landing intent) in
    /// `state_dir` (e.g. `.lakeforge/cdc/<id>`).
    pub fn new(lake: &Lake, id: &str, spec: &CdcIngestion, state_dir: impl Into<PathBuf>) -> Self {
        let (store, zone) = lake
            .root()
            .zone_location(&spec.destination.project, spec.destination.zone);
        Self {
            lake: lake.clone(),
            id: id.to_owned(),
            spec: spec.clone(),
            pipeline: CdcPipeline::new(id, spec, store, zone, state_dir),
            lineage: None,
        }
    }

    /// Reports each cycle's capture and apply runs to `lineage`.
    #[must_use]
    pub fn with_lineage(mut self, lineage: Lineage) -> Self {
        self.lineage = Some(lineage::CdcLineage::new(
            lineage, &self.lake, &self.id, &self.spec,
        ));
        self
    }

    /// Replaces the capture's batch limits.
    #[must_use]
    pub fn with_batch_limits(mut self, limits: BatchLimits) -> Self {
        self.pipeline = self.pipeline.with_batch_limits(limits);
        self
    }

    /// The capture pipeline.
    pub fn pipeline(&self) -> &CdcPipeline {
        &self.pipeline
    }

    /// Applies what is committed but not applied yet.
    pub async fn apply(&self) -> Result<ApplySummary> {
        apply(&self.lake, &self.pipeline, &self.id, &self.spec).await
    }

    /// Captures (`mode`), then applies. With [`RunMode::Follow`] it captures until caught
    /// up and applies, over and over, until the future is dropped.
    pub async fn run(
        &self,
        mode: RunMode,
        mut progress: impl FnMut(&Progress),
    ) -> Result<CdcRunSummary> {
        // Apply first what an interrupted run committed but did not apply.
        let mut summary = CdcRunSummary {
            apply: self.apply().await?,
            ..CdcRunSummary::default()
        };
        let mut first = true;
        loop {
            let capture_mode = match mode {
                RunMode::Follow => RunMode::UntilCaughtUp,
                other => other,
            };
            // The first cycle (the full load, or what waited) is reported from its start;
            // later ones only once their capture moved rows, so an idle source in
            // `--follow` emits nothing.
            let mut cycle = self
                .lineage
                .as_ref()
                .filter(|_| first)
                .map(lineage::CdcLineage::start_capture);
            first = false;
            let capture = match self.pipeline.run(capture_mode, &mut progress).await {
                Ok(capture) => capture,
                Err(error) => {
                    if let (Some(lineage), Some(cycle)) = (&self.lineage, cycle) {
                        lineage.fail(cycle, &error.to_string());
                    }
                    return Err(error.into());
                }
            };
            let idle = capture.change_rows == 0 && capture.full_load_rows == 0;
            if let Some(lineage) = &self.lineage {
                if cycle.is_none() && !idle {
                    cycle = Some(lineage.start_capture());
                }
                if let Some(cycle) = &mut cycle {
                    lineage.start_apply(cycle);
                }
            }
            let applied = match self.apply().await {
                Ok(applied) => applied,
                Err(error) => {
                    if let (Some(lineage), Some(cycle)) = (&self.lineage, cycle) {
                        lineage.fail(cycle, &error.to_string());
                    }
                    return Err(error);
                }
            };
            if let (Some(lineage), Some(cycle)) = (&self.lineage, cycle) {
                lineage.complete(cycle, &applied).await;
            }
            merge_summaries(&mut summary, capture, applied);
            if mode != RunMode::Follow {
                return Ok(summary);
            }
            // Under load the next capture starts at once; an idle source is polled calmly.
            if idle {
                tokio::time::sleep(IDLE_POLL).await;
            }
        }
    }
}

fn merge_summaries(summary: &mut CdcRunSummary, capture: CdcSummary, applied: ApplySummary) {
    let c = &mut summary.capture;
    c.full_load_rows += capture.full_load_rows;
    c.full_load_files += capture.full_load_files;
    c.change_rows += capture.change_rows;
    c.transactions += capture.transactions;
    c.batches += capture.batches;
    c.change_files += capture.change_files;
    c.schema_changes.extend(capture.schema_changes);
    c.position = capture.position;
    c.elapsed_seconds += capture.elapsed_seconds;
    c.full_load_rows_per_second = c
        .full_load_rows_per_second
        .max(capture.full_load_rows_per_second);
    c.change_rows_per_second = capture.change_rows_per_second;
    let a = &mut summary.apply;
    a.batches += applied.batches;
    a.rows += applied.rows;
    a.applied_through = applied.applied_through.or(a.applied_through);
    a.reported.extend(applied.reported);
    a.elapsed_seconds += applied.elapsed_seconds;
    a.rows_per_second = a.rows as f64 / a.elapsed_seconds.max(1e-6);
    for table in applied.tables {
        match a.tables.iter_mut().find(|t| t.source == table.source) {
            Some(t) => {
                t.batches += table.batches;
                t.rows += table.rows;
                t.rows_after = table.rows_after;
                t.applied_through = table.applied_through;
            }
            None => a.tables.push(table),
        }
    }
    a.tables.sort_by(|x, y| x.source.cmp(&y.source));
}
