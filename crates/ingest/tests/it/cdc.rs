//! CDC apply end to end against real sources (SQLite, MariaDB, PostgreSQL): full load, a
//! random workload (multi-statement transactions, rollbacks, NULLs, key changes, a table
//! without a primary key, ADD COLUMN mid-stream, DROP COLUMN on MariaDB and PostgreSQL),
//! capture + apply, then every silver table equals its source table; and a kill -9 test
//! over SQLite. `LAKEFORGE_CDC_OPS` sets the number of statements (default
//! 3000); services missing → `skipped: …` unless `LAKEFORGE_REQUIRE_SERVICES=1`.

use std::time::{Duration, Instant};

use lakeforge_cdc::{BatchLimits, RunMode};
use lakeforge_ingest::cdc::{CdcRun, silver_table_name};
use lakeforge_lake::Lake;
use lakeforge_lake::datafusion::arrow::array::Array;
use lakeforge_lake::datafusion::arrow::util::display::array_value_to_string;
use lakeforge_spec::{CdcIngestion, CdcSource, Destination, Engine};
use sqlx::{Connection, Executor, MySqlConnection, PgConnection, Row, SqliteConnection};

use crate::support::lake;

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
enum Db {
    Sqlite(SqliteConnection),
    My(MySqlConnection),
    Pg(PgConnection),
}

impl Db {
    async fn exec(&mut self, sql: &str) {
        let safe = sqlx::AssertSqlSafe(sql.to_owned());
        let result = match self {
            Db::Sqlite(c) => c.execute(safe).await.map(|_| ()),
            Db::My(c) => c.execute(safe).await.map(|_| ()),
            Db::Pg(c) => c.execute(safe).await.map(|_| ()),
        };
        if let Err(e) = result {
            panic!("{sql}: {e}");
        }
    }

    /// `columns` of `table` as text rows, sorted.
    async fn rows(&mut self, table: &str, columns: &[&str]) -> Vec<String> {
        let casts: Vec<String> = columns
            .iter()
            .map(|c| match self {
                Db::Sqlite(_) => format!("CAST({c} AS TEXT)"),
                Db::My(_) => format!("CAST({c} AS CHAR)"),
                Db::Pg(_) => format!("{c}::text"),
            })
            .collect();
        let sql = format!("SELECT {} FROM {table}", casts.join(", "));
        let query = sqlx::AssertSqlSafe(sql.clone());
        let text = |cells: Vec<Option<String>>| {
            cells
                .into_iter()
                .map(|c| c.unwrap_or_else(|| "∅".into()))
                .collect::<Vec<_>>()
                .join("|")
        };
        let mut out: Vec<String> = match self {
            Db::Sqlite(c) => sqlx::query(query)
                .fetch_all(c)
                .await
                .unwrap_or_else(|e| panic!("{sql}: {e}"))
                .iter()
                .map(|r| text((0..columns.len()).map(|i| r.get(i)).collect()))
                .collect(),
            Db::My(c) => sqlx::query(query)
                .fetch_all(c)
                .await
                .unwrap_or_else(|e| panic!("{sql}: {e}"))
                .iter()
                .map(|r| text((0..columns.len()).map(|i| r.get(i)).collect()))
                .collect(),
            Db::Pg(c) => sqlx::query(query)
                .fetch_all(c)
                .await
                .unwrap_or_else(|e| panic!("{sql}: {e}"))
                .iter()
                .map(|r| text((0..columns.len()).map(|i| r.get(i)).collect()))
                .collect(),
        };
        out.sort();
        out
    }
}

/// `columns` of a silver table as text rows, sorted.
async fn silver_rows(lake: &Lake, table: &str, columns: &[&str]) -> Vec<String> {
    let quoted: Vec<String> = columns.iter().map(|c| format!("\"{c}\"")).collect();
    let sql = format!("SELECT {} FROM shop.silver.{table}", quoted.join(", "));
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

/// The tables of the workload: name, columns after the ADD COLUMN, columns before it.
const TABLES: [(&str, &[&str], &[&str]); 3] = [
    ("t_pk", &["id", "a", "b", "c"], &["id", "a", "b"]),
    ("t_ck", &["k1", "k2", "v"], &["k1", "k2", "v"]),
    ("t_nopk", &["x", "y"], &["x", "y"]),
];

fn word(rng: &mut fastrand::Rng) -> String {
    match rng.u8(0..10) {
        0 => "NULL".into(),
        1 => "''".into(),
        _ => format!(
            "'{}'",
            (0..rng.usize(1..12))
                .map(|_| rng.alphanumeric())
                .collect::<String>()
        ),
    }
}

fn number(rng: &mut fastrand::Rng) -> String {
    if rng.u8(0..8) == 0 {
        "NULL".into()
    } else {
        rng.i32(-1000..1000).to_string()
    }
}

/// The workload generator: ids handed out so far per table.
struct Workload {
    schema: String,
    rng: fastrand::Rng,
    next_pk: i64,
    next_ck: i64,
    added: bool,
    dropped: bool,
}

impl Workload {
    fn t(&self, table: &str) -> String {
        format!("{}.{table}", self.schema)
    }

    fn insert_pk(&mut self) -> String {
        self.next_pk += 1;
        let (a, b) = (number(&mut self.rng), word(&mut self.rng));
        if self.added {
            let c = number(&mut self.rng);
            format!(
                "INSERT INTO {} (id, a, b, c) VALUES ({}, {a}, {b}, {c})",
                self.t("t_pk"),
                self.next_pk
            )
        } else {
            format!(
                "INSERT INTO {} (id, a, b) VALUES ({}, {a}, {b})",
                self.t("t_pk"),
                self.next_pk
            )
        }
    }

    fn insert_ck(&mut self) -> String {
        self.next_ck += 1;
        let k2 = ["x", "y", "z"][self.rng.usize(0..3)];
        let v = number(&mut self.rng);
        if self.dropped {
            format!(
                "INSERT INTO {} (k1, k2, v) VALUES ({}, '{k2}', {v})",
                self.t("t_ck"),
                self.next_ck
            )
        } else {
            let w = number(&mut self.rng);
            format!(
                "INSERT INTO {} (k1, k2, v, w) VALUES ({}, '{k2}', {v}, {w})",
                self.t("t_ck"),
                self.next_ck
            )
        }
    }

    fn insert_nopk(&mut self) -> String {
        let x = self.rng.i32(0..50);
        let y = word(&mut self.rng);
        format!("INSERT INTO {} (x, y) VALUES ({x}, {y})", self.t("t_nopk"))
    }

    /// One random statement.
    fn statement(&mut self) -> String {
        let pk = self.rng.i64(1..=self.next_pk.max(1));
        let ck = self.rng.i64(1..=self.next_ck.max(1));
        match self.rng.u8(0..100) {
            0..=24 => self.insert_pk(),
            25..=44 => {
                let (a, b) = (number(&mut self.rng), word(&mut self.rng));
                let c = if self.added {
                    format!(", c = {}", number(&mut self.rng))
                } else {
                    String::new()
                };
                format!(
                    "UPDATE {} SET a = {a}, b = {b}{c} WHERE id = {pk}",
                    self.t("t_pk")
                )
            }
            45..=54 => format!("DELETE FROM {} WHERE id = {pk}", self.t("t_pk")),
            55..=57 => {
                // A key change: to a fresh id.
                self.next_pk += 1;
                format!(
                    "UPDATE {} SET id = {} WHERE id = {pk}",
                    self.t("t_pk"),
                    self.next_pk
                )
            }
            58..=59 => format!(
                "UPDATE {} SET a = a + 1 WHERE id % 17 = {}",
                self.t("t_pk"),
                self.rng.u8(0..17)
            ),
            60..=71 => self.insert_ck(),
            72..=79 => format!(
                "UPDATE {} SET v = {} WHERE k1 = {ck}",
                self.t("t_ck"),
                number(&mut self.rng)
            ),
            80..=84 => format!("DELETE FROM {} WHERE k1 = {ck}", self.t("t_ck")),
            85..=91 => self.insert_nopk(),
            92..=95 => format!(
                "UPDATE {} SET y = {} WHERE x = {}",
                self.t("t_nopk"),
                word(&mut self.rng),
                self.rng.i32(0..50)
            ),
            _ => format!(
                "DELETE FROM {} WHERE x = {}",
                self.t("t_nopk"),
                self.rng.i32(0..50)
            ),
        }
    }
}

async fn create_tables(db: &mut Db, schema: &str, postgres: bool) {
    db.exec(&format!(
        "CREATE TABLE {schema}.t_pk (id BIGINT PRIMARY KEY, a INT, b VARCHAR(40))"
    ))
    .await;
    db.exec(&format!(
        "CREATE TABLE {schema}.t_ck (k1 BIGINT NOT NULL, k2 VARCHAR(4) NOT NULL, v INT, w INT, PRIMARY KEY (k1, k2))"
    ))
    .await;
    db.exec(&format!(
        "CREATE TABLE {schema}.t_nopk (x INT, y VARCHAR(40))"
    ))
    .await;
    if postgres {
        db.exec(&format!(
            "ALTER TABLE {schema}.t_nopk REPLICA IDENTITY FULL"
        ))
        .await;
    }
}

/// Full load, workload in rounds with capture + apply between them, ADD COLUMN halfway,
/// then silver equals the source table by table.
async fn replicate(mut db: Db, lake: &Lake, run: &CdcRun, schema: &str, landed: &str) {
    let ops = operations();
    let mut work = Workload {
        schema: schema.to_owned(),
        rng: fastrand::Rng::with_seed(ops as u64 ^ 0x5eed),
        next_pk: 0,
        next_ck: 0,
        added: false,
        dropped: false,
    };
    let postgres = matches!(db, Db::Pg(_));
    // SQLite's capture triggers name every column, so SQLite refuses DROP COLUMN while
    // capture is installed (drop the column by recreating the table instead).
    let drops = !matches!(db, Db::Sqlite(_));
    create_tables(&mut db, schema, postgres).await;
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
    let (mut done, mut applied_rows, mut apply_seconds) = (0, 0, 0.0);
    let started = Instant::now();
    for round in 0..rounds {
        let target = ops * (round + 1) / rounds;
        while done < target {
            let size = work.rng.usize(1..=5).min(target - done);
            let rollback = work.rng.u8(0..10) == 0;
            db.exec("BEGIN").await;
            for _ in 0..size {
                let sql = work.statement();
                db.exec(&sql).await;
            }
            db.exec(if rollback { "ROLLBACK" } else { "COMMIT" }).await;
            done += size;
            if !work.added && done >= ops / 2 {
                db.exec(&format!("ALTER TABLE {schema}.t_pk ADD COLUMN c INT"))
                    .await;
                work.added = true;
            }
            if drops && !work.dropped && done >= ops * 3 / 4 {
                db.exec(&format!("ALTER TABLE {schema}.t_ck DROP COLUMN w"))
                    .await;
                work.dropped = true;
            }
        }
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
    for (table, columns, _) in TABLES {
        let source = db.rows(&format!("{schema}.{table}"), columns).await;
        let silver = silver_rows(lake, &silver_table_name(landed, table), columns).await;
        assert_same(table, &source, &silver);
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
}

fn cdc_run(lake: &Lake, dir: &std::path::Path, id: &str, spec: &CdcIngestion) -> CdcRun {
    CdcRun::new(lake, id, spec, dir.join("state").join(id)).with_batch_limits(BatchLimits {
        max_rows: 2_000,
        max_latency: Duration::from_millis(300),
        idle_wait: Duration::from_millis(200),
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_silver_equals_source() {
    let dir = tempfile::tempdir().unwrap();
    let lake = lake(dir.path());
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("shop.db").display());
    let conn = SqliteConnection::connect(&url).await.expect("open");
    let spec = spec(Engine::Sqlite, &url, "main.%");
    let run = cdc_run(&lake, dir.path(), "shop", &spec);
    replicate(Db::Sqlite(conn), &lake, &run, "main", "main").await;
    run.pipeline().teardown().await.expect("teardown");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mariadb_silver_equals_source() {
    let mut conn = match MySqlConnection::connect(MYSQL_URL).await {
        Ok(conn) => conn,
        Err(e) => return skip(&format!("MariaDB not reachable at {MYSQL_URL}: {e}")),
    };
    let db = unique("lf_apply");
    conn.execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {db}")))
        .await
        .expect("create database");
    let mut cleanup = MySqlConnection::connect(MYSQL_URL).await.expect("connect");
    let dir = tempfile::tempdir().unwrap();
    let lake = lake(dir.path());
    let spec =
        spec(Engine::Mariadb, MYSQL_URL, &format!("{db}.%")).rename_schema(db.clone(), "landed");
    let run = cdc_run(&lake, dir.path(), &db, &spec);
    let outcome = tokio::spawn({
        let (lake, db) = (lake.clone(), db.clone());
        async move {
            let run = run;
            replicate(Db::My(conn), &lake, &run, &db, "landed").await;
        }
    })
    .await;
    cleanup
        .execute(sqlx::AssertSqlSafe(format!("DROP DATABASE {db}")))
        .await
        .expect("drop database");
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_silver_equals_source() {
    let mut conn = match PgConnection::connect(POSTGRES_URL).await {
        Ok(conn) => conn,
        Err(e) => return skip(&format!("PostgreSQL not reachable at {POSTGRES_URL}: {e}")),
    };
    let schema = unique("lf_apply");
    conn.execute(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
        .await
        .expect("create schema");
    let mut cleanup = PgConnection::connect(POSTGRES_URL).await.expect("connect");
    let dir = tempfile::tempdir().unwrap();
    let lake = lake(dir.path());
    let spec = spec(Engine::Postgres, POSTGRES_URL, &format!("{schema}.%"));
    let run = cdc_run(&lake, dir.path(), &schema, &spec);
    let outcome = tokio::spawn({
        let (lake, schema) = (lake.clone(), schema.clone());
        async move {
            replicate(Db::Pg(conn), &lake, &run, &schema, &schema).await;
            run.pipeline().teardown().await.expect("teardown");
        }
    })
    .await;
    if outcome.is_err() {
        // Drop the slot and publication even when the workload failed.
        let run = cdc_run(&lake, dir.path(), &schema, &spec);
        let _ = run.pipeline().teardown().await;
    }
    cleanup
        .execute(sqlx::AssertSqlSafe(format!("DROP SCHEMA {schema} CASCADE")))
        .await
        .expect("drop schema");
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}

/// Set in the kill -9 child: the folder of the lake and the SQLite database.
const CHILD_ENV: &str = "LAKEFORGE_CDC_CRASH_CHILD";

fn sqlite_url(dir: &std::path::Path) -> String {
    format!("sqlite://{}?mode=rwc", dir.join("shop.db").display())
}

/// The kill -9 child's work (a no-op unless started by the kill test): capture + apply
/// over and over until killed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crash_child() {
    let Ok(dir) = std::env::var(CHILD_ENV) else {
        return;
    };
    let dir = std::path::Path::new(&dir);
    let lake = lake(dir);
    let spec = spec(Engine::Sqlite, &sqlite_url(dir), "main.%");
    let run = cdc_run(&lake, dir, "shop", &spec).with_batch_limits(BatchLimits {
        max_rows: 50,
        max_latency: Duration::from_millis(50),
        idle_wait: Duration::from_millis(50),
    });
    loop {
        run.run(RunMode::UntilCaughtUp, |_| {})
            .await
            .expect("capture + apply");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_during_capture_and_apply_loses_and_repeats_nothing() {
    const CYCLES: usize = 12;
    let dir = tempfile::tempdir().unwrap();
    let lake = lake(dir.path());
    let url = sqlite_url(dir.path());
    let mut db = Db::Sqlite(SqliteConnection::connect(&url).await.expect("open"));
    let mut work = Workload {
        schema: "main".into(),
        rng: fastrand::Rng::with_seed(7),
        next_pk: 0,
        next_ck: 0,
        added: false,
        dropped: false,
    };
    create_tables(&mut db, "main", false).await;
    for _ in 0..100 {
        let sql = work.insert_pk();
        db.exec(&sql).await;
    }
    let spec = spec(Engine::Sqlite, &url, "main.%");
    let per_cycle = operations() / CYCLES;
    let mut killed_mid_run = 0;
    for cycle in 0..CYCLES {
        if cycle > 0 {
            db.exec("BEGIN").await;
            for _ in 0..per_cycle {
                let sql = work.statement();
                db.exec(&sql).await;
            }
            db.exec("COMMIT").await;
            if cycle == CYCLES / 2 {
                db.exec("ALTER TABLE main.t_pk ADD COLUMN c INT").await;
                work.added = true;
                // Known limit of SQLite capture (its triggers name every column): changes
                // made after an ADD COLUMN and before the next capture poll reinstalls the
                // triggers miss the new column. Poll once here so the kill cycles test crash
                // safety, not that limit (tracked in the CDC issue).
                cdc_run(&lake, dir.path(), "shop", &spec)
                    .run(RunMode::UntilCaughtUp, |_| {})
                    .await
                    .expect("capture after ADD COLUMN");
            }
        }
        let mut child = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "cdc::crash_child",
                "--exact",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, dir.path())
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        tokio::time::sleep(Duration::from_millis(fastrand::u64(100..2_500))).await;
        if child.try_wait().unwrap().is_none() {
            killed_mid_run += 1;
        }
        child.kill().unwrap();
        child.wait().unwrap();
    }
    println!("{killed_mid_run} of {CYCLES} children were killed while running");
    let run = cdc_run(&lake, dir.path(), "shop", &spec);
    run.run(RunMode::UntilCaughtUp, |_| {})
        .await
        .expect("final run");
    for (table, columns, _) in TABLES {
        let source = db.rows(&format!("main.{table}"), columns).await;
        let silver = silver_rows(&lake, &silver_table_name("main", table), columns).await;
        assert_same(table, &source, &silver);
    }
    run.pipeline().teardown().await.expect("teardown");
}
