//! Lineage of a CDC ingestion: each cycle (the full load, then every capture + apply that
//! moved rows) is two runs — `ingest.cdc.<id>.capture` (source tables → the DMS-format folders
//! landed in bronze) and `ingest.cdc.<id>.apply` (bronze folders → silver tables) — with
//! identity column lineage for the source's columns all the way: source column → bronze →
//! silver.

use lakeforge_cdc::landing::dms_files::table_dir;
use lakeforge_cdc::mapping::TableMapping;
use lakeforge_lake::{Lake, TableRef};
use lakeforge_lineage::facets::{ColumnLineage, OutputStatistics};
use lakeforge_lineage::{Dataset, DatasetId, DatasetKind, JobSpec, Lineage, RunHandle};
use lakeforge_spec::{CdcIngestion, Engine, Location, Zone};

use super::{ApplySummary, TableApplied};

/// The lineage of one `[cdc.<id>]`.
pub struct CdcLineage {
    lineage: Lineage,
    lake: Lake,
    id: String,
    spec: CdcIngestion,
}

/// The two runs of one cycle in flight.
pub struct Cycle {
    capture: RunHandle,
    apply: Option<RunHandle>,
}

/// The three datasets one source table passes through.
struct TablePath {
    source: Dataset,
    bronze: Dataset,
    silver: Option<TableRef>,
}

impl CdcLineage {
    /// The lineage of ingestion `id` (`spec` with the source URL as the run uses it).
    pub fn new(lineage: Lineage, lake: &Lake, id: &str, spec: &CdcIngestion) -> Self {
        Self {
            lineage,
            lake: lake.clone(),
            id: id.to_string(),
            spec: spec.clone(),
        }
    }

    /// Emits START of a cycle's capture run.
    pub fn start_capture(&self) -> Cycle {
        let capture = self.lineage.start(
            JobSpec::batch(format!("ingest.cdc.{}.capture", self.id)),
            Vec::new(),
            Vec::new(),
            None,
        );
        Cycle {
            capture,
            apply: None,
        }
    }

    /// Emits START of the cycle's apply run (the capture succeeded).
    pub fn start_apply(&self, cycle: &mut Cycle) {
        cycle.apply = Some(self.lineage.start(
            JobSpec::batch(format!("ingest.cdc.{}.apply", self.id)),
            Vec::new(),
            Vec::new(),
            None,
        ));
    }

    /// Ends both runs of a cycle that applied `applied`.
    pub async fn complete(&self, cycle: Cycle, applied: &ApplySummary) {
        let mut capture_in = Vec::new();
        let mut capture_out = Vec::new();
        let mut apply_in = Vec::new();
        let mut apply_out = Vec::new();
        for table in &applied.tables {
            let path = self.table_path(table);
            let Some(silver) = &path.silver else {
                continue;
            };
            let (written, commit) =
                self.lake.lineage_written(silver).await.unwrap_or_else(|_| {
                    (self.lake.lineage_dataset(silver, DatasetKind::Table), None)
                });
            let columns = written.columns();
            let rows = OutputStatistics {
                row_count: table.rows,
                size: None,
                file_count: None,
            };
            let silver_rows =
                commit.map_or_else(|| rows.clone(), |commit| commit.output(table.rows));
            let bronze_lineage =
                ColumnLineage::identity(&path.source.id.namespace, &path.source.id.name, &columns);
            let silver_lineage =
                ColumnLineage::identity(&path.bronze.id.namespace, &path.bronze.id.name, &columns);
            capture_in.push(path.source.clone().input());
            capture_out.push(
                path.bronze
                    .clone()
                    .with_column_lineage(bronze_lineage)
                    .output(Some(rows)),
            );
            apply_in.push(path.bronze.input());
            apply_out.push(
                written
                    .with_column_lineage(silver_lineage)
                    .output(Some(silver_rows)),
            );
        }
        cycle.capture.complete(capture_in, capture_out);
        if let Some(apply) = cycle.apply {
            apply.complete(apply_in, apply_out);
        }
    }

    /// Ends a cycle that failed: the run that was going fails with `message`.
    pub fn fail(&self, cycle: Cycle, message: &str) {
        match cycle.apply {
            Some(apply) => {
                cycle.capture.complete(Vec::new(), Vec::new());
                apply.fail(message, Vec::new(), Vec::new());
            }
            None => cycle.capture.fail(message, Vec::new(), Vec::new()),
        }
    }

    /// Source, bronze folder and silver table of one applied table.
    fn table_path(&self, table: &TableApplied) -> TablePath {
        let (schema, name) = table
            .source
            .split_once('.')
            .unwrap_or(("", table.source.as_str()));
        let mapping = TableMapping::new(&self.spec);
        let landed = mapping.landed_schema(schema);
        let destination = &self.spec.destination;
        let prefix = destination.effective_prefix(&self.id);
        let relative = format!(
            "{}/{}/",
            Location::Zone(destination.zone).stem(&destination.project),
            table_dir(prefix, landed, name)
        );
        let bronze_id = self
            .lake
            .root()
            .url()
            .join(&relative)
            .map(|url| DatasetId::object_store(&url))
            .unwrap_or_else(|_| DatasetId {
                namespace: "file".to_string(),
                name: relative.clone(),
            });
        let bronze_name = format!(
            "{}.{}.{}",
            destination.project,
            destination.zone.as_str(),
            table_dir("", landed, name).replace('/', "__")
        );
        TablePath {
            source: Dataset::external(self.source_id(schema, name)),
            bronze: Dataset::lakeforge(bronze_id, &bronze_name, DatasetKind::Table),
            silver: TableRef::parse(&table.silver, None, Zone::Silver).ok(),
        }
    }

    /// The source table's dataset after the naming spec.
    fn source_id(&self, schema: &str, table: &str) -> DatasetId {
        let url = self
            .spec
            .source
            .url
            .as_deref()
            .and_then(|url| url::Url::parse(url).ok());
        let host = url
            .as_ref()
            .and_then(|u| u.host_str().map(str::to_string))
            .unwrap_or_else(|| "localhost".to_string());
        match self.spec.source.engine {
            Engine::Mysql | Engine::Mariadb => DatasetId::mysql(
                &host,
                url.as_ref().and_then(url::Url::port).unwrap_or(3306),
                schema,
                table,
            ),
            Engine::Postgres => {
                let database = url
                    .as_ref()
                    .map(|u| u.path().trim_start_matches('/').to_string())
                    .filter(|d| !d.is_empty())
                    .unwrap_or_else(|| "postgres".to_string());
                DatasetId::postgres(
                    &host,
                    url.as_ref().and_then(url::Url::port).unwrap_or(5432),
                    &database,
                    schema,
                    table,
                )
            }
            Engine::Sqlite => {
                let path = self
                    .spec
                    .source
                    .url
                    .as_deref()
                    .map(|u| u.trim_start_matches("sqlite://"))
                    .map(|u| u.split('?').next().unwrap_or(u).to_string())
                    .unwrap_or_default();
                DatasetId::sqlite(&path, table)
            }
        }
    }
}
