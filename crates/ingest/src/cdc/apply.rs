//! Applying committed bronze batches to silver tables, exactly once.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Instant;

use lakeforge_cdc::mapping::TableMapping;
use lakeforge_cdc::schema::{TableId, TableSchema};
use lakeforge_cdc::{BatchKind, CdcPipeline, ChangeBatch, SchemaChange};
use lakeforge_lake::datafusion::arrow::array::RecordBatch;
use lakeforge_lake::datafusion::arrow::datatypes::SchemaRef;
use lakeforge_lake::datafusion::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use lakeforge_lake::datafusion::prelude::SessionContext;
use lakeforge_lake::{Lake, LakeError, TableRef, TableVersion, WriteMode, WriteOptions};
use lakeforge_spec::{CdcIngestion, Zone};
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};
use serde::{Deserialize, Serialize};

use super::history::{self, HISTORY_SUFFIX};
use super::silver;
use super::{ApplyError, Result};

/// Landed rows merged into one silver table per Delta commit, at most (a commit holds
/// whole batches, so one larger batch still goes in one commit).
const MAX_ROWS_PER_COMMIT: u64 = 500_000;

/// What one apply did to one silver table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TableApplied {
    /// The source table, `schema.table`.
    pub source: String,
    /// The silver table, `project.silver.name`.
    pub silver: String,
    /// Batches applied to it.
    pub batches: u64,
    /// Landed rows (changes and full-load rows) merged into it.
    pub rows: u64,
    /// Its rows afterwards.
    pub rows_after: u64,
    /// The last batch applied to it (its Delta `txn` version).
    pub applied_through: u64,
}

/// The result of [`apply`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ApplySummary {
    /// Tables changed, sorted by source name.
    pub tables: Vec<TableApplied>,
    /// Batches of the commit log looked at (after the last applied one).
    pub batches: u64,
    /// Landed rows merged, over every table.
    pub rows: u64,
    /// The last batch every table has applied, if any.
    pub applied_through: Option<u64>,
    /// Schema changes the merge does not apply (type changes, other DDL): reported for an
    /// operator to act on.
    pub reported: Vec<SchemaChange>,
    /// Seconds the apply took.
    pub elapsed_seconds: f64,
    /// Landed rows merged per second.
    pub rows_per_second: f64,
}

/// The silver table name of a source table landed under `landed_schema`:
/// `<landed schema>__<table>`, lowercased, other characters than `[a-z0-9_]` as `_`.
pub fn silver_table_name(landed_schema: &str, table: &str) -> String {
    let clean = |s: &str| -> String {
        s.chars()
            .map(|c| {
                let c = c.to_ascii_lowercase();
                if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect()
    };
    let name = format!("{}__{}", clean(landed_schema), clean(table));
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{name}")
    } else {
        name
    }
}

/// The Delta `txn` application id of a source table of ingestion `id`.
pub fn app_id(id: &str, table: &TableId) -> String {
    format!("lakeforge-cdc/{id}/{}.{}", table.schema, table.table)
}

/// The silver table of `table` in ingestion `spec`.
pub fn silver_table(spec: &CdcIngestion, table: &TableId) -> Result<TableRef> {
    let mapping = TableMapping::new(spec);
    let name = silver_table_name(mapping.landed_schema(&table.schema), &table.table);
    Ok(TableRef::new(
        &spec.destination.project,
        Zone::Silver,
        &name,
    )?)
}

/// Where apply remembers the last batch every table has applied: only a hint of where to
/// start reading the commit log; the Delta `txn` versions are the truth.
fn hint_path(lake: &Lake, spec: &CdcIngestion, id: &str) -> (Arc<dyn ObjectStore>, Path) {
    let (store, zone) = lake
        .root()
        .zone_location(&spec.destination.project, Zone::Silver);
    (
        store,
        zone.join("_lakeforge")
            .join("cdc-apply")
            .join(format!("{id}.json")),
    )
}

#[derive(Serialize, Deserialize)]
struct Hint {
    applied_through: u64,
}

async fn read_hint(lake: &Lake, spec: &CdcIngestion, id: &str) -> Result<Option<u64>> {
    let (store, path) = hint_path(lake, spec, id);
    match store.get(&path).await {
        Ok(got) => {
            let bytes = got.bytes().await?;
            Ok(serde_json::from_slice::<Hint>(&bytes)
                .ok()
                .map(|h| h.applied_through))
        }
        Err(object_store::Error::NotFound { .. }) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

async fn write_hint(lake: &Lake, spec: &CdcIngestion, id: &str, seq: u64) -> Result<()> {
    let (store, path) = hint_path(lake, spec, id);
    let json = serde_json::to_vec(&Hint {
        applied_through: seq,
    })
    .expect("hint serializes");
    store.put(&path, PutPayload::from(json)).await?;
    Ok(())
}

/// A batch's files of one table: its seq, and each file's path and rows.
type PendingBatch = (u64, Vec<(String, u64)>);

/// The work for one table: what to merge, commit by commit.
struct TablePlan {
    schema: TableSchema,
    landed_schema: String,
    /// Whether the first commit replaces the table (full load or capture start).
    replace: bool,
    /// (batch seq, landed file paths) in order.
    batches: Vec<PendingBatch>,
}

/// Merges every committed batch of ingestion `id` not yet applied into its silver tables
/// (`<project>.silver.<landed schema>__<table>`), each table's commit carrying the last
/// applied batch as its Delta `txn` version (app id `lakeforge-cdc/<id>/<schema>.<table>`),
/// so a batch reaches each table exactly once, across crashes.
///
/// The bronze files are read from the zone of `spec.destination` in `lake`, where a
/// pipeline built by [`super::CdcRun`] lands them.
pub async fn apply(
    lake: &Lake,
    pipeline: &CdcPipeline,
    id: &str,
    spec: &CdcIngestion,
) -> Result<ApplySummary> {
    let started = Instant::now();
    let hint = read_hint(lake, spec, id).await?;
    let batches = pipeline.commit_log().batches_after(hint).await?;
    let mut summary = ApplySummary {
        batches: batches.len() as u64,
        applied_through: hint,
        ..ApplySummary::default()
    };
    let Some(last) = batches.last().map(|b| b.seq) else {
        summary.elapsed_seconds = started.elapsed().as_secs_f64();
        return Ok(summary);
    };
    let mapping = TableMapping::new(spec);
    let mut plans: BTreeMap<TableId, TablePlan> = BTreeMap::new();
    for batch in &batches {
        collect(&mut plans, batch, &mapping, &mut summary.reported);
    }
    let (store, zone) = lake
        .root()
        .zone_location(&spec.destination.project, spec.destination.zone);
    for (table, plan) in plans {
        if let Some(done) = apply_table(lake, &store, &zone, id, spec, &table, plan).await? {
            summary.rows += done.rows;
            summary.tables.push(done);
        }
    }
    write_hint(lake, spec, id, last).await?;
    summary.applied_through = Some(last);
    summary.elapsed_seconds = started.elapsed().as_secs_f64();
    summary.rows_per_second = summary.rows as f64 / summary.elapsed_seconds.max(1e-6);
    Ok(summary)
}

fn collect(
    plans: &mut BTreeMap<TableId, TablePlan>,
    batch: &ChangeBatch,
    mapping: &TableMapping,
    reported: &mut Vec<SchemaChange>,
) {
    let replace = matches!(batch.kind, BatchKind::FullLoad | BatchKind::Start);
    for schema in &batch.schemas {
        let plan = plans.entry(schema.id.clone()).or_insert_with(|| TablePlan {
            schema: schema.clone(),
            landed_schema: mapping.landed_schema(&schema.id.schema).to_owned(),
            replace: false,
            batches: Vec::new(),
        });
        plan.schema = schema.clone();
        if replace {
            plan.replace = true;
            plan.batches.clear();
            plan.batches.push((batch.seq, Vec::new()));
        }
    }
    for file in &batch.files {
        let Some(plan) = plans.get_mut(&file.source) else {
            continue;
        };
        plan.landed_schema = file.landed_schema.clone();
        match plan.batches.last_mut() {
            Some((seq, files)) if *seq == batch.seq => files.push((file.path.clone(), file.rows)),
            _ => plan
                .batches
                .push((batch.seq, vec![(file.path.clone(), file.rows)])),
        }
    }
    reported.extend(
        batch
            .schema_changes
            .iter()
            .filter(|c| {
                !matches!(
                    c,
                    SchemaChange::AddColumn { .. } | SchemaChange::DropColumn { .. }
                )
            })
            .cloned(),
    );
}

async fn read_file(
    store: &Arc<dyn ObjectStore>,
    zone: &Path,
    path: &str,
) -> Result<Vec<RecordBatch>> {
    let mut location = zone.clone();
    for part in path.split('/').filter(|p| !p.is_empty()) {
        location = location.join(part);
    }
    let bytes = store.get(&location).await?.bytes().await?;
    let reader = ParquetRecordBatchReaderBuilder::try_new(bytes)
        .map_err(|e| ApplyError::Landed {
            path: path.to_owned(),
            message: e.to_string(),
        })?
        .build()
        .map_err(|e| ApplyError::Landed {
            path: path.to_owned(),
            message: e.to_string(),
        })?;
    reader
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| ApplyError::Landed {
            path: path.to_owned(),
            message: e.to_string(),
        })
}

/// The rows of a silver table's current version (read through its Delta provider, so any
/// project id works, not only SQL identifiers).
async fn current_rows(lake: &Lake, table: &TableRef) -> Result<Vec<RecordBatch>> {
    let loaded = lake.open(table, &TableVersion::Latest).await?;
    let provider = loaded.table_provider().await.map_err(LakeError::from)?;
    let rows = SessionContext::new()
        .read_table(provider)
        .map_err(LakeError::from)?
        .collect()
        .await
        .map_err(LakeError::from)?;
    Ok(rows)
}

async fn apply_table(
    lake: &Lake,
    store: &Arc<dyn ObjectStore>,
    zone: &Path,
    id: &str,
    spec: &CdcIngestion,
    table: &TableId,
    plan: TablePlan,
) -> Result<Option<TableApplied>> {
    let name = silver_table_name(&plan.landed_schema, &table.table);
    let target = TableRef::new(&spec.destination.project, Zone::Silver, &name)?;
    let app = app_id(id, table);
    let applied = lake.app_version(&target, &app).await?.unwrap_or(0);
    let pending: Vec<PendingBatch> = plan
        .batches
        .into_iter()
        .filter(|(seq, _)| *seq as i64 > applied)
        .collect();
    if pending.is_empty() {
        return Ok(None);
    }
    // Batch 1 (full load or capture start) replaces the table; it is first in `pending`
    // when the table has applied nothing yet.
    let mut replace = plan.replace && applied == 0;
    let mut done = TableApplied {
        source: table.to_string(),
        silver: target.to_string(),
        batches: 0,
        rows: 0,
        rows_after: 0,
        applied_through: 0,
    };
    // A key of every column (PostgreSQL REPLICA IDENTITY FULL reports one for tables
    // without a primary key) allows no duplicates anyway: merge it as a multiset.
    let all_columns = plan
        .schema
        .columns
        .iter()
        .all(|c| plan.schema.primary_key.contains(&c.name));
    let key: &[String] = if all_columns {
        &[]
    } else {
        &plan.schema.primary_key
    };
    let mut chunks: Vec<Vec<PendingBatch>> = vec![Vec::new()];
    let mut rows_in_chunk = 0;
    for entry in pending {
        let rows: u64 = entry.1.iter().map(|(_, r)| r).sum();
        if rows_in_chunk > 0 && rows_in_chunk + rows > MAX_ROWS_PER_COMMIT {
            chunks.push(Vec::new());
            rows_in_chunk = 0;
        }
        rows_in_chunk += rows;
        chunks.last_mut().expect("one chunk").push(entry);
    }
    let history = if spec.history && !key.is_empty() {
        Some(History::open(lake, &target, id, table).await?)
    } else {
        None
    };
    let mut history_replace = plan.replace && history.as_ref().is_some_and(|h| h.applied == 0);
    for chunk in chunks {
        let Some(through) = chunk.last().map(|(seq, _)| *seq) else {
            continue;
        };
        let mut landed_by_batch = Vec::new();
        for (seq, files) in &chunk {
            let mut landed = Vec::new();
            for (path, rows) in files {
                landed.extend(read_file(store, zone, path).await?);
                done.rows += rows;
            }
            landed_by_batch.push((*seq, landed));
        }
        let landed: Vec<RecordBatch> = landed_by_batch
            .iter()
            .flat_map(|(_, batches)| batches.iter().cloned())
            .collect();
        let existing = if replace {
            None
        } else {
            lake.table_schema(&target).await?
        };
        let (base, current) = match existing {
            Some(schema) => (schema, current_rows(lake, &target).await?),
            None => (silver::schema_of(&plan.schema), Vec::new()),
        };
        let schema = silver::evolve(&base, &landed, &spec.timestamp_column);
        let merged =
            silver::merge(&schema, &current, &landed, key).map_err(|e| ApplyError::Merge {
                table: target.to_string(),
                message: e.to_string(),
            })?;
        done.rows_after = merged.num_rows() as u64;
        let version = i64::try_from(through).map_err(|_| ApplyError::Merge {
            table: target.to_string(),
            message: format!("batch {through} does not fit a Delta transaction version"),
        })?;
        // History first: after a crash between the two commits, silver re-applies the
        // chunk and the history's own version skips what it holds.
        if let Some(history) = &history {
            let fresh: Vec<RecordBatch> = landed_by_batch
                .iter()
                .filter(|(seq, _)| *seq as i64 > history.applied)
                .flat_map(|(_, batches)| batches.iter().cloned())
                .collect();
            if version > history.applied {
                history
                    .write(lake, spec, &schema, history_replace, &fresh, key, version)
                    .await?;
                history_replace = false;
            }
        }
        lake.write_batches(
            &target,
            vec![merged],
            &WriteOptions {
                mode: WriteMode::Overwrite,
                partition_by: Vec::new(),
                app_transaction: Some((app.clone(), version)),
                plain_encoding: false,
            },
        )
        .await?;
        done.batches += chunk.len() as u64;
        done.applied_through = through;
        replace = false;
    }
    Ok(Some(done))
}

/// The history table of a silver table, and the last batch it holds.
struct History {
    table: TableRef,
    app: String,
    applied: i64,
}

impl History {
    async fn open(lake: &Lake, silver: &TableRef, id: &str, source: &TableId) -> Result<Self> {
        let table = TableRef::new(
            &silver.project,
            Zone::Silver,
            &format!("{}{HISTORY_SUFFIX}", silver.table),
        )?;
        let app = format!(
            "lakeforge-cdc-history/{id}/{}.{}",
            source.schema, source.table
        );
        let applied = lake.app_version(&table, &app).await?.unwrap_or(0);
        Ok(Self {
            table,
            app,
            applied,
        })
    }

    /// Adds the versions of `landed` (all rows, when `replace`) and commits as `version`.
    #[allow(clippy::too_many_arguments)]
    async fn write(
        &self,
        lake: &Lake,
        spec: &CdcIngestion,
        schema: &SchemaRef,
        replace: bool,
        landed: &[RecordBatch],
        key: &[String],
        version: i64,
    ) -> Result<()> {
        let existing = if replace || lake.table_schema(&self.table).await?.is_none() {
            Vec::new()
        } else {
            current_rows(lake, &self.table).await?
        };
        let rows = history::extend(
            &history::history_schema(schema),
            &existing,
            landed,
            key,
            &spec.timestamp_column,
        )
        .map_err(|e| ApplyError::Merge {
            table: self.table.to_string(),
            message: e.to_string(),
        })?;
        lake.write_batches(
            &self.table,
            vec![rows],
            &WriteOptions {
                mode: WriteMode::Overwrite,
                partition_by: Vec::new(),
                app_transaction: Some((self.app.clone(), version)),
                plain_encoding: false,
            },
        )
        .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn silver_names_join_the_landed_schema_and_the_table() {
        assert_eq!(
            silver_table_name("c360raw", "customer"),
            "c360raw__customer"
        );
        assert_eq!(
            silver_table_name("Sales-EU", "Order Items"),
            "sales_eu__order_items"
        );
        assert_eq!(silver_table_name("2024", "t"), "_2024__t");
        assert_eq!(
            app_id("shop", &TableId::new("c360", "customer")),
            "lakeforge-cdc/shop/c360.customer"
        );
    }
}
