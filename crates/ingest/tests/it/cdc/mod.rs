//! CDC apply end to end against real sources (SQLite, MariaDB, PostgreSQL): full load, a
//! random workload (multi-statement transactions, rollbacks, NULLs, key changes, a table
//! without a primary key, ADD COLUMN mid-stream, DROP COLUMN on MariaDB and PostgreSQL),
//! capture + apply, then every silver table equals its source table; and a kill -9 test
//! over SQLite. `LAKEFORGE_CDC_OPS` sets the number of statements (default
//! 3000); services missing → `skipped: …` unless `LAKEFORGE_REQUIRE_SERVICES=1`.

use std::time::{Duration, Instant};

use lakeforge_cdc::{BatchLimits, RunMode};
use lakeforge_ingest::cdc::history::HISTORY_SUFFIX;
use lakeforge_ingest::cdc::{CdcRun, silver_table_name};
use lakeforge_lake::Lake;
use lakeforge_lake::datafusion::arrow::array::Array;
use lakeforge_lake::datafusion::arrow::util::display::array_value_to_string;
use lakeforge_lineage::naming::lakeforge_name;
use lakeforge_lineage::store::Store;
use lakeforge_lineage::{EventType, Lineage, LineageConfig, RunEvent};
use lakeforge_spec::{CdcIngestion, CdcSource, Destination, Engine};
use sqlx::{AnyConnection, Connection, Executor, Row};

use crate::support::lake;
use workload::{TABLES, Workload, create_tables};

mod kill;
mod workload;

const MYSQL_URL: &str = "mysql://root@127.0.0.1:3306/test";
const POSTGRES_URL: &str = "postgres://root@127.0.0.1:5432/test";

fn required() -> bool {
    std::env::var("LAKEFORGE_REQUIRE_SERVICES").is_ok_and(|v| v == "1")
}

fn skip(reason: &str) {
    assert!(!required(), "LAKEFORGE_REQUIRE_SERVICES=1 but {reason}");
    println!("skipped: {reason}");
}

fn unique(prefix: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .subsec_nanos();
    format!("{prefix}_{}_{nanos}", std::process::id())
}

fn operations() -> usize {
    std::env::var("LAKEFORGE_CDC_OPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3000)
}

/// A source database connection of any engine.
pub struct Db {
    conn: AnyConnection,
    engine: Engine,
}

impl Db {
    /// Connects to `url` of `engine`.
    pub async fn connect(engine: Engine, url: &str) -> Result<Self, sqlx::Error> {
        sqlx::any::install_default_drivers();
        let conn = AnyConnection::connect(url).await?;
        Ok(Self { conn, engine })
    }

    /// The source's engine.
    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// Runs one statement, panicking with it on failure.
    pub async fn exec(&mut self, sql: &str) {
        if let Err(e) = self.conn.execute(sqlx::AssertSqlSafe(sql.to_owned())).await {
            panic!("{sql}: {e}");
        }
    }

    /// `columns` of `table` as text rows, sorted.
    pub async fn rows(&mut self, table: &str, columns: &[&str]) -> Vec<String> {
        let casts: Vec<String> = columns
            .iter()
            .map(|c| match self.engine {
                Engine::Mariadb | Engine::Mysql => format!("CAST({c} AS CHAR)"),
                Engine::Postgres => format!("{c}::text"),
                _ => format!("CAST({c} AS TEXT)"),
            })
            .collect();
        let sql = format!("SELECT {} FROM {table}", casts.join(", "));
        let mut out: Vec<String> = sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
            .fetch_all(&mut self.conn)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
            .iter()
            .map(|row| {
                (0..columns.len())
                    .map(|i| {
                        row.get::<Option<String>, _>(i)
                            .unwrap_or_else(|| "∅".into())
                    })
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect();
        out.sort();
        out
    }
}

/// `columns` of a silver table as text rows, sorted.
async fn silver_rows(lake: &Lake, table: &str, columns: &[&str]) -> Vec<String> {
    silver_rows_where(lake, table, columns, "TRUE").await
}

/// `columns` of the rows of a silver table that match `filter`, as text rows, sorted.
async fn silver_rows_where(
    lake: &Lake,
    table: &str,
    columns: &[&str],
    filter: &str,
) -> Vec<String> {
    let quoted: Vec<String> = columns.iter().map(|c| format!("\"{c}\"")).collect();
    let sql = format!(
        "SELECT {} FROM shop.silver.{table} WHERE {filter}",
        quoted.join(", ")
    );
    let batches = lake
        .sql(&sql)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .collect()
        .await
        .unwrap();
    let mut out = Vec::new();
    for batch in &batches {
        for row in 0..batch.num_rows() {
            let cells: Vec<String> = batch
                .columns()
                .iter()
                .map(|c| {
                    if c.is_null(row) {
                        "∅".to_owned()
                    } else {
                        array_value_to_string(c.as_ref(), row).unwrap()
                    }
                })
                .collect();
            out.push(cells.join("|"));
        }
    }
    out.sort();
    out
}

/// Full load, workload in rounds with capture + apply between them, ADD COLUMN halfway,
/// then silver equals the source table by table.
async fn replicate(mut db: Db, lake: &Lake, run: &CdcRun, schema: &str, landed: &str) {
    let ops = operations();
    let mut work = Workload::new(schema, ops as u64 ^ 0x5eed);
    // SQLite's capture triggers name every column, so SQLite refuses DROP COLUMN while
    // capture is installed (drop the column by recreating the table instead).
    let drops = db.engine() != Engine::Sqlite;
    create_tables(&mut db, schema).await;
    db.exec("BEGIN").await;
    for _ in 0..200 {
        let sql = work.insert_pk();
        db.exec(&sql).await;
        let sql = work.insert_ck();
        db.exec(&sql).await;
        let sql = work.insert_nopk();
        db.exec(&sql).await;
    }
    db.exec("COMMIT").await;
    let load = run
        .run(RunMode::UntilCaughtUp, |_| {})
        .await
        .expect("full load");
    assert_eq!(load.capture.full_load_rows, 600);

    let rounds = 4;
    let (mut applied_rows, mut apply_seconds) = (0, 0.0);
    let started = Instant::now();
    for round in 0..rounds {
        if round == 2 {
            work.add_column(&mut db).await;
        }
        if round == 3 && drops {
            work.drop_column(&mut db).await;
        }
        work.transactions(&mut db, ops / rounds).await;
        let summary = run
            .run(RunMode::UntilCaughtUp, |_| {})
            .await
            .expect("capture + apply");
        applied_rows += summary.apply.rows;
        apply_seconds += summary.apply.elapsed_seconds;
    }
    println!(
        "{schema}: {ops} statements in {:.1}s; apply merged {applied_rows} change rows in {apply_seconds:.2}s ({:.0} rows/s)",
        started.elapsed().as_secs_f64(),
        applied_rows as f64 / apply_seconds.max(1e-6)
    );
    let again = run
        .run(RunMode::UntilCaughtUp, |_| {})
        .await
        .expect("rerun");
    assert_eq!(again.apply.rows, 0, "a rerun applies nothing twice");

    if drops {
        let kept = silver_rows(lake, &silver_table_name(landed, "t_ck"), &["w"]).await;
        assert!(
            kept.iter().any(|w| w != "∅") && kept.iter().any(|w| w == "∅"),
            "a dropped column stays in silver, NULL for newer rows"
        );
    }
    assert_silver_equals_source(&mut db, lake, schema, landed).await;
}

/// Every workload table of `schema` equals its silver table (landed under `landed`), and
/// the current versions of each keyed table's history table equal it too.
async fn assert_silver_equals_source(db: &mut Db, lake: &Lake, schema: &str, landed: &str) {
    for (table, columns) in TABLES {
        let source = db.rows(&format!("{schema}.{table}"), columns).await;
        let name = silver_table_name(landed, table);
        let silver = silver_rows(lake, &name, columns).await;
        assert_same(table, &source, &silver);
        if table != "t_nopk" {
            let history = format!("{name}{HISTORY_SUFFIX}");
            let current = silver_rows_where(lake, &history, columns, "_lf_current").await;
            assert_same(&history, &source, &current);
            let versions = silver_rows(lake, &history, &["_lf_op"]).await;
            assert!(
                versions.len() > source.len(),
                "{history} keeps older versions"
            );
        }
    }
}

/// Asserts equal sorted rows, showing a few rows only on either side when not.
fn assert_same(table: &str, source: &[String], silver: &[String]) {
    if source == silver {
        return;
    }
    let only = |a: &[String], b: &[String]| -> Vec<String> {
        a.iter()
            .filter(|r| b.binary_search(r).is_err())
            .take(5)
            .cloned()
            .collect()
    };
    panic!(
        "{table}: silver ({} rows) differs from the source ({} rows); only in the source: {:?}; only in silver: {:?}",
        silver.len(),
        source.len(),
        only(source, silver),
        only(silver, source)
    );
}

fn spec(engine: Engine, url: &str, include: &str) -> CdcIngestion {
    CdcIngestion::new(
        CdcSource::url(engine, url),
        Destination::new("shop").prefix("dms"),
    )
    .include([include])
    .history(true)
}

fn cdc_run(lake: &Lake, dir: &std::path::Path, id: &str, spec: &CdcIngestion) -> CdcRun {
    let lineage = Lineage::new(LineageConfig::local(dir.join("lineage"), "shop"))
        .expect("a local lineage store");
    CdcRun::new(lake, id, spec, dir.join("state").join(id))
        .with_batch_limits(BatchLimits {
            max_rows: 2_000,
            max_latency: Duration::from_millis(300),
            idle_wait: Duration::from_millis(200),
        })
        .with_lineage(lineage)
}

/// The CDC runs' lineage: every capture reads `t_pk` as `namespace`/`name` (the OpenLineage
/// naming of the source) and lands `shop.bronze.<landed>__t_pk`, which the apply runs merge
/// into `shop.silver.<landed>__t_pk` with identity column lineage from bronze.
fn assert_lineage(dir: &std::path::Path, namespace: &str, name: &str, landed: &str) {
    let events: Vec<RunEvent> = Store::new(dir.join("lineage"), u64::MAX)
        .read_all()
        .expect("the lineage store reads")
        .into_iter()
        .map(|stored| stored.event)
        .collect();
    let completed = |suffix: &str| -> Vec<&RunEvent> {
        events
            .iter()
            .filter(|e| e.job.name.ends_with(suffix) && e.event_type == EventType::Complete)
            .collect()
    };
    // A run that found nothing new (the rerun) completes with no datasets.
    let captures: Vec<&RunEvent> = completed(".capture")
        .into_iter()
        .filter(|capture| !capture.inputs.is_empty())
        .collect();
    assert!(captures.len() >= 2, "a full load and change cycles");
    let bronze = format!("shop.bronze.{landed}__t_pk");
    for capture in &captures {
        let read = capture
            .inputs
            .iter()
            .find(|input| input.name == name)
            .unwrap_or_else(|| panic!("{name} not read by {:?}", capture.inputs));
        assert_eq!(read.namespace, namespace);
        let landed_output = capture
            .outputs
            .iter()
            .find(|output| lakeforge_name(&output.facets) == Some(bronze.as_str()))
            .expect("the bronze folder");
        let lineage = &landed_output.facets.column_lineage.as_ref().unwrap().body;
        let id = &lineage.fields["id"].input_fields[0];
        assert_eq!((id.namespace.as_str(), id.name.as_str()), (namespace, name));
    }
    let silver = format!("shop.silver.{landed}__t_pk");
    let merged = completed(".apply")
        .into_iter()
        .flat_map(|apply| &apply.outputs)
        .find(|output| lakeforge_name(&output.facets) == Some(silver.as_str()))
        .expect("apply writes silver");
    let statistics = &merged
        .output_facets
        .output_statistics
        .as_ref()
        .unwrap()
        .body;
    assert!(statistics.file_count.unwrap() >= 1 && statistics.size.unwrap() > 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_silver_equals_source() {
    let dir = tempfile::tempdir().unwrap();
    let lake = lake(dir.path());
    let url = sqlite_url(dir.path());
    let mut db = Db::connect(Engine::Sqlite, &url).await.expect("open");
    // As applications run SQLite: write-ahead log, no fsync at every commit.
    db.exec("PRAGMA journal_mode = WAL").await;
    db.exec("PRAGMA synchronous = NORMAL").await;
    let spec = spec(Engine::Sqlite, &url, "main.%");
    let run = cdc_run(&lake, dir.path(), "shop", &spec);
    replicate(db, &lake, &run, "main", "main").await;
    run.pipeline().teardown().await.expect("teardown");
    let path = url
        .trim_start_matches("sqlite://")
        .split('?')
        .next()
        .unwrap();
    assert_lineage(dir.path(), &format!("sqlite://{path}"), "t_pk", "main");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mariadb_silver_equals_source() {
    let Some(source) = Source::create(Engine::Mariadb, "lf_apply").await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let lake = lake(dir.path());
    let spec = spec(Engine::Mariadb, MYSQL_URL, &format!("{}.%", source.schema))
        .rename_schema(source.schema.clone(), "landed");
    let run = cdc_run(&lake, dir.path(), &source.schema, &spec);
    let db = source.connect().await;
    let outcome = tokio::spawn({
        let (lake, schema) = (lake.clone(), source.schema.clone());
        async move { replicate(db, &lake, &run, &schema, "landed").await }
    })
    .await;
    let name = format!("{}.t_pk", source.schema);
    source.drop_with(&lake, dir.path(), &spec, outcome).await;
    assert_lineage(dir.path(), "mysql://127.0.0.1:3306", &name, "landed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_silver_equals_source() {
    let Some(source) = Source::create(Engine::Postgres, "lf_apply").await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let lake = lake(dir.path());
    let spec = spec(
        Engine::Postgres,
        POSTGRES_URL,
        &format!("{}.%", source.schema),
    );
    let run = cdc_run(&lake, dir.path(), &source.schema, &spec);
    let db = source.connect().await;
    let outcome = tokio::spawn({
        let (lake, schema) = (lake.clone(), source.schema.clone());
        async move { replicate(db, &lake, &run, &schema, &schema).await }
    })
    .await;
    let (name, landed) = (
        format!("test.{}.t_pk", source.schema),
        source.schema.clone(),
    );
    source.drop_with(&lake, dir.path(), &spec, outcome).await;
    assert_lineage(dir.path(), "postgres://127.0.0.1:5432", &name, &landed);
}

/// The URL of the SQLite database `shop.db` in `dir`.
fn sqlite_url(dir: &std::path::Path) -> String {
    format!("sqlite://{}?mode=rwc", dir.join("shop.db").display())
}

/// A database (MariaDB) or schema (PostgreSQL) of its own for one test, on the machine's
/// server.
struct Source {
    engine: Engine,
    schema: String,
}

impl Source {
    /// The server's URL.
    fn url(&self) -> &'static str {
        server_url(self.engine)
    }

    /// Creates a fresh database/schema; `None` (after printing why) when the server is not
    /// reachable and services are not required.
    async fn create(engine: Engine, prefix: &str) -> Option<Self> {
        let url = server_url(engine);
        let mut db = match Db::connect(engine, url).await {
            Ok(db) => db,
            Err(e) => {
                skip(&format!("{engine:?} not reachable at {url}: {e}"));
                return None;
            }
        };
        let schema = unique(prefix);
        let noun = match engine {
            Engine::Postgres => "SCHEMA",
            _ => "DATABASE",
        };
        db.exec(&format!("CREATE {noun} {schema}")).await;
        Some(Self { engine, schema })
    }

    /// A connection to the server.
    async fn connect(&self) -> Db {
        Db::connect(self.engine, self.url()).await.expect("connect")
    }

    /// Tears down capture (PostgreSQL's slot and publication) and drops the
    /// database/schema, then re-raises the test's panic, if any.
    async fn drop_with(
        self,
        lake: &Lake,
        dir: &std::path::Path,
        spec: &CdcIngestion,
        outcome: Result<(), tokio::task::JoinError>,
    ) {
        let _ = cdc_run(lake, dir, &self.schema, spec)
            .pipeline()
            .teardown()
            .await;
        let drop = match self.engine {
            Engine::Postgres => format!("DROP SCHEMA {} CASCADE", self.schema),
            _ => format!("DROP DATABASE {}", self.schema),
        };
        self.connect().await.exec(&drop).await;
        if let Err(e) = outcome {
            std::panic::resume_unwind(e.into_panic());
        }
    }
}

/// The machine's server of `engine`.
fn server_url(engine: Engine) -> &'static str {
    if engine == Engine::Postgres {
        POSTGRES_URL
    } else {
        MYSQL_URL
    }
}
