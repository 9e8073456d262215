//! The CDC pipeline of one `[cdc.<id>]`: check the source, full load, then land change
//! batches, each committed with the source position after it.
//!
//! Exactly once: a batch's files get names derived from the batch number (deterministic
//! on replay), their paths are recorded in a local intent before writing, then the batch
//! manifest — files *and* the source position — is created atomically in the commit log.
//! Only then is the source told (PostgreSQL slot feedback, SQLite trim). A crash before
//! the manifest leaves orphan files that the next run deletes and re-lands from the old
//! position; a crash after it resumes from the new position.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use futures::TryStreamExt;
use lakeforge_spec::{CdcIngestion, MigrationType};
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};
use serde::{Deserialize, Serialize};

use crate::error::{CdcError, Result};
use crate::event::{SchemaChange, Transaction};
use crate::landing::arrow_rows::{FileRows, RowMeta};
use crate::landing::dms_files::{change_file_name, is_load_file, partition_dir, table_dir};
use crate::landing::log::{BatchKind, ChangeBatch, CommitLog, LandedFile};
use crate::landing::pending::{Pending, PendingFile};
use crate::mapping::TableMapping;
use crate::position::Position;
use crate::schema::{TableId, TableSchema};
use crate::snapshot::{LoadSink, join};
use crate::source::{ConfigProblem, Source, StreamEvent};

/// How long a run goes on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunMode {
    /// The full load only (if not done yet), no changes.
    FullLoadOnly,
    /// Full load if needed, then changes until everything committed at the start is landed.
    UntilCaughtUp,
    /// Full load if needed, then changes until the future is dropped.
    Follow,
}

/// What a run is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Landing the full load.
    FullLoad,
    /// Landing ongoing changes.
    Changes,
}

/// Progress reported during a run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// The phase.
    pub phase: Phase,
    /// Rows landed in this phase so far.
    pub rows: u64,
    /// Rows per second in this phase so far.
    pub rows_per_second: f64,
    /// Commit-to-landing lag of the last batch, when known.
    pub lag_seconds: Option<f64>,
    /// The committed position.
    pub position: Option<Position>,
}

/// The result of a run.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CdcSummary {
    /// Full-load rows landed by this run.
    pub full_load_rows: u64,
    /// Full-load files landed by this run.
    pub full_load_files: u64,
    /// Change rows landed by this run.
    pub change_rows: u64,
    /// Source transactions landed by this run.
    pub transactions: u64,
    /// Batches committed by this run.
    pub batches: u64,
    /// Change files landed by this run.
    pub change_files: u64,
    /// Schema changes seen by this run.
    pub schema_changes: Vec<SchemaChange>,
    /// The committed position at the end.
    pub position: Option<Position>,
    /// Seconds the run took.
    pub elapsed_seconds: f64,
    /// Full-load rows per second.
    pub full_load_rows_per_second: f64,
    /// Change rows per second.
    pub change_rows_per_second: f64,
}

/// Where an ingestion stands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CdcStatus {
    /// The last committed batch.
    pub last_batch: Option<u64>,
    /// The committed position (capture resumes after it).
    pub position: Option<Position>,
    /// Whether the full load (or the capture start) is committed.
    pub started: bool,
    /// The source's current position.
    pub source_position: Option<Position>,
    /// Whether the committed position has reached the source's current one.
    pub caught_up: bool,
    /// Seconds since the last landed transaction committed at the source.
    pub seconds_since_last_commit: Option<f64>,
}

/// Batch size limits of change landing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BatchLimits {
    /// Close a batch at this many rows.
    pub max_rows: usize,
    /// Close a batch this long after its first transaction.
    pub max_latency: Duration,
    /// Wait this long for a change before reporting idle.
    pub idle_wait: Duration,
}

impl Default for BatchLimits {
    fn default() -> Self {
        Self {
            max_rows: 100_000,
            max_latency: Duration::from_secs(1),
            idle_wait: Duration::from_millis(300),
        }
    }
}

/// The CDC pipeline of one `[cdc.<id>]`.
pub struct CdcPipeline {
    id: String,
    spec: CdcIngestion,
    store: Arc<dyn ObjectStore>,
    zone_root: Path,
    prefix: String,
    state_dir: PathBuf,
    mapping: TableMapping,
    limits: BatchLimits,
}

impl CdcPipeline {
    /// The pipeline of ingestion `id` landing in the zone at `zone_root` of `store`
    /// (e.g. the project's bronze zone); local state (the landing intent) in `state_dir`.
    pub fn new(
        id: &str,
        spec: &CdcIngestion,
        store: Arc<dyn ObjectStore>,
        zone_root: Path,
        state_dir: impl Into<PathBuf>,
    ) -> Self {
        Self {
            id: id.to_owned(),
            prefix: spec
                .destination
                .effective_prefix(id)
                .trim_matches('/')
                .to_owned(),
            mapping: TableMapping::new(spec),
            spec: spec.clone(),
            store,
            zone_root,
            state_dir: state_dir.into(),
            limits: BatchLimits::default(),
        }
    }

    /// Replaces the batch size limits.
    #[must_use]
    pub fn with_batch_limits(mut self, limits: BatchLimits) -> Self {
        self.limits = limits;
        self
    }

    /// The commit log: the committed batches a merge applies in order.
    pub fn commit_log(&self) -> CommitLog {
        CommitLog::new(self.store.clone(), &self.zone_root, &self.prefix)
    }

    async fn source(&self) -> Result<Source> {
        let url = self.spec.source.url.as_deref().ok_or_else(|| {
            CdcError::Config(format!(
                "[cdc.{}] source has no url: a `secret` source runs on AWS only; set source.url (e.g. mysql://user@host:3306/db) to run it here",
                self.id
            ))
        })?;
        Source::connect(self.spec.source.engine, url, &self.id).await
    }

    /// Settings of the source that keep it from CDC, each with what to change.
    pub async fn check_source_config(&self) -> Result<Vec<ConfigProblem>> {
        self.source().await?.check(&self.mapping).await
    }

    /// Runs the pipeline; `progress` is called as rows land.
    pub async fn run(
        &self,
        mode: RunMode,
        mut progress: impl FnMut(&Progress),
    ) -> Result<CdcSummary> {
        let started = Instant::now();
        let mut source = self.source().await?;
        let problems = source.check(&self.mapping).await?;
        if !problems.is_empty() {
            return Err(CdcError::NotConfigured(describe(&problems)));
        }
        let log = self.commit_log();
        let mut latest = log.latest().await?;
        self.discard_uncommitted(latest.as_ref().map_or(0, |b| b.seq))
            .await?;
        let mut summary = CdcSummary::default();
        if latest.is_none() {
            let batch = self.start(&mut source, &mut summary, &mut progress).await?;
            log.commit(&batch).await?;
            summary.batches += 1;
            if self.spec.migration_type == MigrationType::FullLoad {
                source.teardown().await?;
            }
            latest = Some(batch);
        }
        let mut latest = latest.expect("set above");
        let capture =
            self.spec.migration_type != MigrationType::FullLoad && mode != RunMode::FullLoadOnly;
        if capture {
            let changes_started = Instant::now();
            let mut stream = source.stream(&latest.position, &self.mapping).await?;
            loop {
                let (transactions, caught_up) = self.collect(&mut stream, mode).await?;
                if !transactions.is_empty() {
                    let batch = self.land(&latest, transactions).await?;
                    stream.ack(&batch.position).await?;
                    summary.batches += 1;
                    summary.change_rows += batch.rows;
                    summary.transactions += batch.transactions;
                    summary.change_files += batch.files.len() as u64;
                    summary
                        .schema_changes
                        .extend(batch.schema_changes.iter().cloned());
                    let lag = batch
                        .last_commit_micros
                        .map(|c| (batch.committed_micros - c).max(0) as f64 / 1e6);
                    latest = batch;
                    progress(&Progress {
                        phase: Phase::Changes,
                        rows: summary.change_rows,
                        rows_per_second: rate(summary.change_rows, changes_started),
                        lag_seconds: lag,
                        position: Some(latest.position.clone()),
                    });
                }
                if caught_up && mode == RunMode::UntilCaughtUp {
                    break;
                }
            }
            summary.change_rows_per_second = rate(summary.change_rows, changes_started);
        }
        summary.position = Some(latest.position);
        summary.elapsed_seconds = started.elapsed().as_secs_f64();
        Ok(summary)
    }

    /// The first batch: a full load, or the capture start position.
    async fn start(
        &self,
        source: &mut Source,
        summary: &mut CdcSummary,
        progress: &mut impl FnMut(&Progress),
    ) -> Result<ChangeBatch> {
        let tables = source.tables(&self.mapping).await?;
        let now = chrono::Utc::now().timestamp_micros();
        let (kind, position, files) = if self.spec.migration_type == MigrationType::Cdc {
            (
                BatchKind::Start,
                source.start_position(&tables).await?,
                Vec::new(),
            )
        } else {
            let load_started = Instant::now();
            for table in &tables {
                self.delete_load_files(&table.id).await?;
            }
            let rows = Arc::new(AtomicU64::new(0));
            let counter = rows.clone();
            let sink = LoadSink::new(
                self.store.clone(),
                self.zone_root.clone(),
                self.prefix.clone(),
                self.mapping.clone(),
                self.spec.include_op_for_full_load,
                self.spec.timestamp_column.clone(),
                now,
                Box::new(move |n| {
                    counter.fetch_add(n, Ordering::Relaxed);
                }),
            );
            let load = source.full_load(&tables, &sink);
            tokio::pin!(load);
            let mut ticker = tokio::time::interval(Duration::from_secs(1));
            let position = loop {
                tokio::select! {
                    position = &mut load => break position?,
                    _ = ticker.tick() => {
                        let landed = rows.load(Ordering::Relaxed);
                        progress(&Progress {
                            phase: Phase::FullLoad,
                            rows: landed,
                            rows_per_second: rate(landed, load_started),
                            lag_seconds: None,
                            position: None,
                        });
                    }
                }
            };
            summary.full_load_rows = rows.load(Ordering::Relaxed);
            summary.full_load_rows_per_second = rate(summary.full_load_rows, load_started);
            let files = sink.files();
            summary.full_load_files = files.len() as u64;
            (BatchKind::FullLoad, position, files)
        };
        Ok(ChangeBatch {
            seq: 1,
            kind,
            position,
            rows: files.iter().map(|f| f.rows).sum(),
            files,
            schema_changes: Vec::new(),
            transactions: 0,
            next_change_seq: 1,
            next_txn_seq: 1,
            last_commit_micros: None,
            committed_micros: chrono::Utc::now().timestamp_micros(),
            schemas: tables.iter().map(|t| t.as_ref().clone()).collect(),
        })
    }

    /// Removes LOAD files of an uncommitted earlier full load of `table`.
    async fn delete_load_files(&self, table: &TableId) -> Result<()> {
        let dir = join(
            &self.zone_root,
            &table_dir(
                &self.prefix,
                self.mapping.landed_schema(&table.schema),
                &table.table,
            ),
        );
        let stale: Vec<Path> = self
            .store
            .list(Some(&dir))
            .try_filter(|meta| {
                let load = meta.location.filename().is_some_and(is_load_file);
                let direct = meta
                    .location
                    .prefix_match(&dir)
                    .is_some_and(|mut rest| rest.nth(1).is_none());
                futures::future::ready(load && direct)
            })
            .map_ok(|meta| meta.location)
            .try_collect()
            .await?;
        for path in stale {
            self.store.delete(&path).await?;
        }
        Ok(())
    }

    /// Deletes files of a batch that was being landed when a previous run stopped.
    async fn discard_uncommitted(&self, committed: u64) -> Result<()> {
        let pending = PendingFile::new(&self.state_dir);
        if let Some(intent) = pending.read()? {
            if intent.seq > committed {
                for file in &intent.files {
                    match self.store.delete(&join(&self.zone_root, file)).await {
                        Ok(()) | Err(object_store::Error::NotFound { .. }) => {}
                        Err(e) => return Err(e.into()),
                    }
                }
            }
            pending.clear()?;
        }
        Ok(())
    }

    /// Transactions for one batch; `true` when the stream reported being caught up.
    async fn collect(
        &self,
        stream: &mut crate::source::ChangeStream,
        mode: RunMode,
    ) -> Result<(Vec<Transaction>, bool)> {
        let mut transactions = Vec::new();
        let mut rows = 0;
        let mut first: Option<Instant> = None;
        loop {
            let wait = match first {
                Some(at) => self
                    .limits
                    .max_latency
                    .saturating_sub(at.elapsed())
                    .max(Duration::from_millis(1)),
                None => self.limits.idle_wait,
            };
            match stream.next(wait).await? {
                StreamEvent::Transaction(transaction) => {
                    rows += transaction.changes.len();
                    first.get_or_insert_with(Instant::now);
                    transactions.push(transaction);
                    if rows >= self.limits.max_rows
                        || first.is_some_and(|at| at.elapsed() >= self.limits.max_latency)
                    {
                        return Ok((transactions, false));
                    }
                }
                StreamEvent::Idle { caught_up } => {
                    if !transactions.is_empty() || (caught_up && mode == RunMode::UntilCaughtUp) {
                        return Ok((transactions, caught_up));
                    }
                }
            }
        }
    }

    /// Lands `transactions` as the batch after `previous` and commits it.
    async fn land(
        &self,
        previous: &ChangeBatch,
        transactions: Vec<Transaction>,
    ) -> Result<ChangeBatch> {
        let seq = previous.seq + 1;
        let mut schemas: HashMap<TableId, Arc<TableSchema>> = previous
            .schemas
            .iter()
            .map(|s| (s.id.clone(), Arc::new(s.clone())))
            .collect();
        let mut schema_changes = Vec::new();
        let mut groups: Vec<(String, FileRows)> = Vec::new();
        let mut open: HashMap<(TableId, String), usize> = HashMap::new();
        let (mut change_seq, mut txn_seq) = (previous.next_change_seq, previous.next_txn_seq);
        let (mut rows, count) = (0u64, transactions.len() as u64);
        let mut last_commit = None;
        let mut position = previous.position.clone();
        for transaction in transactions {
            schema_changes.extend(transaction.ddl);
            for change in transaction.changes {
                let id = change.table.id.clone();
                match schemas.get(&id) {
                    Some(known) if known.same_columns(&change.table) => {}
                    Some(known) => {
                        schema_changes.extend(crate::event::schema_diff(known, &change.table));
                        schemas.insert(id.clone(), change.table.clone());
                    }
                    None => {
                        schemas.insert(id.clone(), change.table.clone());
                    }
                }
                let partition =
                    partition_dir(self.spec.date_partition_sequence, transaction.commit_micros);
                let key = (id.clone(), partition.clone());
                let index = match open.get(&key) {
                    Some(&i) if groups[i].1.table.same_columns(&change.table) => i,
                    _ => {
                        let dir = table_dir(
                            &self.prefix,
                            self.mapping.landed_schema(&id.schema),
                            &id.table,
                        );
                        let name = change_file_name(transaction.commit_micros, seq, groups.len());
                        groups.push((
                            format!("{dir}/{partition}/{name}"),
                            FileRows {
                                table: change.table.clone(),
                                with_op: true,
                                timestamp_column: self.spec.timestamp_column.clone(),
                                meta: Vec::new(),
                                rows: Vec::new(),
                            },
                        ));
                        open.insert(key, groups.len() - 1);
                        groups.len() - 1
                    }
                };
                let file = &mut groups[index].1;
                file.meta.push(RowMeta {
                    op: change.op,
                    micros: transaction.commit_micros,
                    change_seq,
                    txn_seq,
                });
                file.rows.push(change.values);
                change_seq += 1;
                rows += 1;
            }
            txn_seq += 1;
            last_commit = Some(transaction.commit_micros);
            position = transaction.position;
        }
        PendingFile::new(&self.state_dir).write(&Pending {
            seq,
            files: groups.iter().map(|(path, _)| path.clone()).collect(),
        })?;
        let mut files = Vec::with_capacity(groups.len());
        for (path, file) in groups {
            let bytes = file.parquet()?;
            self.store
                .put(&join(&self.zone_root, &path), PutPayload::from(bytes))
                .await?;
            files.push(LandedFile {
                landed_schema: self.mapping.landed_schema(&file.table.id.schema).to_owned(),
                source: file.table.id.clone(),
                rows: file.rows.len() as u64,
                min_change_seq: file.meta.first().map_or(0, |m| m.change_seq),
                max_change_seq: file.meta.last().map_or(0, |m| m.change_seq),
                path,
            });
        }
        let mut schemas: Vec<TableSchema> =
            schemas.into_values().map(|s| s.as_ref().clone()).collect();
        schemas.sort_by(|a, b| a.id.cmp(&b.id));
        let batch = ChangeBatch {
            seq,
            kind: BatchKind::Changes,
            position,
            files,
            schema_changes,
            transactions: count,
            rows,
            next_change_seq: change_seq,
            next_txn_seq: txn_seq,
            last_commit_micros: last_commit,
            committed_micros: chrono::Utc::now().timestamp_micros(),
            schemas,
        };
        self.commit_log().commit(&batch).await?;
        PendingFile::new(&self.state_dir).clear()?;
        Ok(batch)
    }

    /// The committed position and how it compares with the source's current one.
    pub async fn status(&self) -> Result<CdcStatus> {
        let latest = self.commit_log().latest().await?;
        let source_position = self.source().await?.current_position().await?;
        let position = latest.as_ref().map(|b| b.position.clone());
        let caught_up = position
            .as_ref()
            .and_then(|p| p.compare(&source_position))
            .is_some_and(|o| o.is_ge());
        Ok(CdcStatus {
            last_batch: latest.as_ref().map(|b| b.seq),
            started: latest.is_some(),
            seconds_since_last_commit: latest
                .as_ref()
                .and_then(|b| b.last_commit_micros)
                .map(|c| (chrono::Utc::now().timestamp_micros() - c).max(0) as f64 / 1e6),
            position,
            source_position: Some(source_position),
            caught_up,
        })
    }

    /// Removes what capture installed in the source (PostgreSQL slot and publication,
    /// SQLite triggers and change table). Landed data stays.
    pub async fn teardown(&self) -> Result<()> {
        self.source().await?.teardown().await
    }
}

fn rate(rows: u64, since: Instant) -> f64 {
    rows as f64 / since.elapsed().as_secs_f64().max(1e-6)
}

/// One line per problem: setting, found, wanted, fix.
pub fn describe(problems: &[ConfigProblem]) -> String {
    problems
        .iter()
        .map(|p| {
            format!(
                "{} is `{}`, needs `{}`: {}",
                p.setting, p.found, p.wanted, p.fix
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}
