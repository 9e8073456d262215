//! [`Lake`]: the zones of a spec's projects under one root, and their Delta tables.

use std::path::Path;
use std::sync::Arc;

use datafusion::arrow::array::RecordBatch;
use datafusion::datasource::{MemTable, provider_as_source};
use datafusion::logical_expr::{LogicalPlan, LogicalPlanBuilder};
use deltalake::DeltaTable;
use deltalake::kernel::transaction::CommitProperties;
use deltalake::operations::write::SchemaMode;
use deltalake::parquet::basic::Compression;
use deltalake::parquet::file::properties::WriterProperties;
use deltalake::protocol::SaveMode;
use lakeforge_spec::{Spec, Zone};
use serde::Serialize;

use crate::{LakeError, LakeRoot, TableRef, TableVersion};

/// The lake of a project spec: one object-store root, the spec's projects, and the default
/// project that unqualified table names resolve in. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Lake {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    root: LakeRoot,
    projects: Vec<String>,
    default_project: Option<String>,
}

/// How a write treats the data already in the table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum WriteMode {
    /// Add rows; new columns in the input are added to the table's schema.
    #[default]
    Append,
    /// Replace the table's rows and schema.
    Overwrite,
}

/// Options of [`Lake::write`].
#[derive(Clone, Debug, Default)]
pub struct WriteOptions {
    /// Append or overwrite.
    pub mode: WriteMode,
    /// Partition columns, used when the write creates (or overwrites) the table.
    pub partition_by: Vec<String>,
    /// Recorded in the Delta commit as the operation's application id and version, so a
    /// caller can make a write idempotent (see [`Lake::app_version`]).
    pub app_transaction: Option<(String, i64)>,
    /// Write Parquet values without dictionary pages. Cheaper for many small files (each
    /// dictionary-encoded column of a file starts its own hash table), e.g. a backfill
    /// landing in hundreds of hourly partitions at once; a big file of repetitive values
    /// comes out larger.
    pub plain_encoding: bool,
}

/// One table as `lakeforge tables` lists it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TableInfo {
    /// Project id.
    pub project: String,
    /// Zone name.
    pub zone: String,
    /// Table name.
    pub table: String,
    /// Rows in the current version (from the Delta log's statistics).
    pub rows: u64,
    /// Bytes of data files in the current version.
    pub bytes: u64,
    /// Number of data files in the current version.
    pub files: usize,
    /// Current Delta version.
    pub version: u64,
    /// Partition columns.
    pub partition_columns: Vec<String>,
}

impl Lake {
    /// A lake over `root` holding `projects`; unqualified names resolve in `default_project`.
    pub fn new(root: LakeRoot, projects: Vec<String>, default_project: Option<String>) -> Self {
        Self {
            inner: Arc::new(Inner {
                root,
                projects,
                default_project,
            }),
        }
    }

    /// The lake a spec describes; a relative root is taken relative to `spec_dir`.
    pub fn from_spec(spec: &Spec, spec_dir: &Path) -> Result<Self, LakeError> {
        let root = LakeRoot::parse(&spec.lake.root, Some(spec_dir))?;
        Ok(Self::new(
            root,
            spec.projects.keys().cloned().collect(),
            spec.default_project().map(str::to_string),
        ))
    }

    /// The object-store root.
    pub fn root(&self) -> &LakeRoot {
        &self.inner.root
    }

    /// The spec's project ids.
    pub fn projects(&self) -> &[String] {
        &self.inner.projects
    }

    /// The project unqualified table names resolve in.
    pub fn default_project(&self) -> Option<&str> {
        self.inner.default_project.as_deref()
    }

    /// Parses a table name (`table`, `zone.table`, `project.zone.table`) and checks that its
    /// project exists in the spec.
    pub fn table_ref(&self, name: &str, default_zone: Zone) -> Result<TableRef, LakeError> {
        let table = TableRef::parse(name, self.default_project(), default_zone)?;
        if !self.inner.projects.contains(&table.project) {
            return Err(LakeError::TableName {
                name: name.to_string(),
                reason: format!(
                    "project `{}` is not in the spec; projects: {}",
                    table.project,
                    self.inner.projects.join(", ")
                ),
            });
        }
        Ok(table)
    }

    /// Opens a table at a version. A missing table is [`LakeError::UnknownTable`].
    pub async fn open(
        &self,
        table: &TableRef,
        version: &TableVersion,
    ) -> Result<DeltaTable, LakeError> {
        if self.existing(table).await?.is_none() {
            return Err(self.unknown(table).await);
        }
        let builder = self.root().table_builder(table)?;
        let builder = match version {
            TableVersion::Latest => builder,
            TableVersion::Version(v) => builder.with_version(*v),
            TableVersion::Timestamp(t) => builder.with_datestring(t)?,
        };
        Ok(builder.load().await?)
    }

    /// The table at its latest version, or `None` when there is no Delta table at its location.
    pub(crate) async fn existing(&self, table: &TableRef) -> Result<Option<DeltaTable>, LakeError> {
        let mut loaded = self.root().table_builder(table)?.build()?;
        if !loaded.verify_deltatable_existence().await? {
            return Ok(None);
        }
        loaded.load().await?;
        Ok(Some(loaded))
    }

    /// The error for a table that does not exist, listing the tables that do.
    pub(crate) async fn unknown(&self, table: &TableRef) -> LakeError {
        LakeError::UnknownTable {
            name: table.to_string(),
            known: self.known_tables().await,
        }
    }

    /// The known tables as `project.zone.table`, comma separated, or a hint when there are none.
    pub(crate) async fn known_tables(&self) -> String {
        match self.tables().await {
            Ok(tables) if !tables.is_empty() => tables
                .iter()
                .map(|t| format!("{}.{}.{}", t.project, t.zone, t.table))
                .collect::<Vec<_>>()
                .join(", "),
            _ => "none (load one with `lakeforge load FILE --table NAME`)".to_string(),
        }
    }

    /// When the table's latest commit was made (milliseconds since the epoch), from the
    /// Delta log; `None` when the commit carries no time.
    pub async fn last_commit_millis(&self, table: &TableRef) -> Result<Option<i64>, LakeError> {
        use futures::StreamExt;
        let loaded = self.open(table, &TableVersion::Latest).await?;
        let mut history = loaded.history(Some(1));
        match history.next().await {
            Some(commit) => Ok(commit?.timestamp),
            None => Ok(None),
        }
    }

    /// The Arrow schema of a table's current version, or `None` if the table does not exist.
    pub async fn table_schema(
        &self,
        table: &TableRef,
    ) -> Result<Option<datafusion::arrow::datatypes::SchemaRef>, LakeError> {
        let Some(loaded) = self.existing(table).await? else {
            return Ok(None);
        };
        let provider = loaded.table_provider().await?;
        Ok(Some(provider.schema()))
    }

    /// The names of the Delta tables in one zone of one project, sorted.
    pub async fn table_names(&self, project: &str, zone: Zone) -> Result<Vec<String>, LakeError> {
        let (store, zone_path) = self.root().zone_location(project, zone);
        let listing = match store.list_with_delimiter(Some(&zone_path)).await {
            Ok(listing) => listing,
            Err(object_store::Error::NotFound { .. }) => return Ok(Vec::new()),
            Err(e) => return Err(e.into()),
        };
        let mut names = Vec::new();
        for folder in listing.common_prefixes {
            let Some(name) = folder.filename().map(str::to_string) else {
                continue;
            };
            let log = folder.clone().join("_delta_log");
            let has_log = store
                .list_with_delimiter(Some(&log))
                .await
                .map(|l| !l.objects.is_empty())
                .unwrap_or(false);
            if has_log && crate::table_ref::check_table_name(&name).is_ok() {
                names.push(name);
            }
        }
        names.sort();
        Ok(names)
    }

    /// Every table of every project, with row counts and sizes from the Delta log.
    pub async fn tables(&self) -> Result<Vec<TableInfo>, LakeError> {
        let mut out = Vec::new();
        for project in self.projects() {
            for &zone in Zone::ALL {
                for name in self.table_names(project, zone).await? {
                    let table_ref = TableRef::new(project, zone, &name)?;
                    if let Some(loaded) = self.existing(&table_ref).await? {
                        out.push(describe(&table_ref, &loaded)?);
                    }
                }
            }
        }
        Ok(out)
    }

    /// The last version an application committed to a table with
    /// [`WriteOptions::app_transaction`], or `None` if it never did (or the table is missing).
    pub async fn app_version(
        &self,
        table: &TableRef,
        app_id: &str,
    ) -> Result<Option<i64>, LakeError> {
        let Some(loaded) = self.existing(table).await? else {
            return Ok(None);
        };
        let state = loaded.snapshot()?;
        Ok(state
            .transaction_version(loaded.log_store().as_ref(), app_id)
            .await?)
    }

    /// Writes record batches (sharing one schema) into a table in one Delta commit (see
    /// [`Lake::write`]). Each batch is one input partition: on a partitioned table they
    /// are written concurrently, each table partition by one writer.
    pub async fn write_batches(
        &self,
        table: &TableRef,
        batches: Vec<RecordBatch>,
        options: &WriteOptions,
    ) -> Result<DeltaTable, LakeError> {
        if batches.is_empty() {
            return Err(LakeError::Input {
                path: table.to_string(),
                reason: "nothing to write: no record batches".to_string(),
            });
        }
        let batches = batches
            .iter()
            .map(crate::delta_types::delta_compatible)
            .collect::<Result<Vec<_>, _>>()?;
        let schema = batches[0].schema();
        let partitions = batches.into_iter().map(|batch| vec![batch]).collect();
        let source = MemTable::try_new(schema, partitions)?;
        let plan = LogicalPlanBuilder::scan("input", provider_as_source(Arc::new(source)), None)?
            .build()?;
        self.write(table, plan, options).await
    }

    /// Writes the rows a logical plan produces into a table in one Delta commit, creating the
    /// table if needed. Appends merge new columns into the schema.
    pub async fn write(
        &self,
        table: &TableRef,
        input: LogicalPlan,
        options: &WriteOptions,
    ) -> Result<DeltaTable, LakeError> {
        let target = match self.existing(table).await? {
            Some(loaded) => loaded,
            None => self.root().table_builder(table)?.build()?,
        };
        let (save_mode, schema_mode) = match options.mode {
            WriteMode::Append => (SaveMode::Append, SchemaMode::Merge),
            WriteMode::Overwrite => (SaveMode::Overwrite, SchemaMode::Overwrite),
        };
        let mut builder = target
            .write(Vec::new())
            .with_input_plan(input)
            .with_save_mode(save_mode)
            .with_schema_mode(schema_mode)
            .with_table_name(table.table.clone());
        if !options.partition_by.is_empty() {
            builder = builder.with_partition_columns(options.partition_by.clone());
        }
        if options.plain_encoding {
            builder = builder.with_writer_properties(
                WriterProperties::builder()
                    .set_compression(Compression::SNAPPY)
                    .set_dictionary_enabled(false)
                    .build(),
            );
        }
        if let Some((app_id, version)) = &options.app_transaction {
            let txn = deltalake::kernel::Transaction::new(app_id, *version);
            builder = builder.with_commit_properties(
                CommitProperties::default().with_application_transaction(txn),
            );
        }
        Ok(builder.await?)
    }
}

fn describe(table: &TableRef, loaded: &DeltaTable) -> Result<TableInfo, LakeError> {
    let state = loaded.snapshot()?;
    let (mut rows, mut bytes, mut files) = (0u64, 0u64, 0usize);
    for file in state.log_data().iter() {
        rows += file.num_records().unwrap_or(0) as u64;
        bytes += file.size().max(0) as u64;
        files += 1;
    }
    Ok(TableInfo {
        project: table.project.clone(),
        zone: table.zone.as_str().to_string(),
        table: table.table.clone(),
        rows,
        bytes,
        files,
        version: loaded.version().unwrap_or(0),
        partition_columns: state.metadata().partition_columns().to_vec(),
    })
}
