//! Exactly once across kill -9, on SQLite, MariaDB and PostgreSQL: a child process runs
//! capture + apply over and over and is killed at random moments — first while it lands
//! the full load of a large table, then while changes flow (an ADD COLUMN, and on MariaDB
//! and PostgreSQL a DROP COLUMN, come in between). After a last run, silver equals the
//! source table by table.

use std::path::Path;
use std::time::{Duration, Instant};

use lakeforge_cdc::{BatchLimits, RunMode};
use lakeforge_spec::Engine;

use super::workload::{Workload, create_tables};
use super::{
    Db, MYSQL_URL, POSTGRES_URL, Source, assert_silver_equals_source, cdc_run, spec, sqlite_url,
};
use crate::support::lake;

/// Set in the child: `<engine>\t<url>\t<schema>\t<folder of the lake>`.
const CHILD_ENV: &str = "LAKEFORGE_CDC_CRASH_CHILD";
/// Kill cycles per engine; the first [`LOAD_CYCLES`] run no workload, so that their
/// children are killed while the full load is landing.
const CYCLES: usize = 12;
const LOAD_CYCLES: usize = 3;
/// Rows of the table the full load reads: enough that an idle machine takes seconds over
/// it, so the first kills land in it (SQLite loads far slower per row: fewer there).
fn load_rows(engine: Engine) -> usize {
    if engine == Engine::Sqlite {
        60_000
    } else {
        400_000
    }
}
/// At most this many workload statements over the change cycles: `LAKEFORGE_CDC_OPS` at
/// 100k (CI) makes the SQLite change table hold millions of row images between kills,
/// which a debug build captures for many minutes; the 100k workload runs in the
/// silver-equals-source tests.
const MAX_KILL_OPS: usize = 20_000;

/// The child's work (a no-op unless started by a kill test): capture + apply until killed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crash_child() {
    let Ok(task) = std::env::var(CHILD_ENV) else {
        return;
    };
    let [engine, url, schema, dir] = task.split('\t').collect::<Vec<_>>()[..] else {
        panic!("{CHILD_ENV} is `{task}`");
    };
    let engine: Engine = engine.parse().expect("engine");
    let dir = Path::new(dir);
    let lake = lake(dir);
    let spec = spec(engine, url, &format!("{schema}.%"));
    let run = cdc_run(&lake, dir, schema, &spec).with_batch_limits(BatchLimits {
        max_rows: 500,
        max_latency: Duration::from_millis(50),
        idle_wait: Duration::from_millis(50),
    });
    loop {
        // A run can fail while the server still holds the killed child's session (a
        // PostgreSQL slot stays active until its walsender notices); try again.
        if let Err(e) = run.run(RunMode::UntilCaughtUp, |_| {}).await {
            eprintln!("crash child: {e}");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_kill_9_during_full_load_and_changes_loses_and_repeats_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let url = sqlite_url(dir.path());
    let mut db = Db::connect(Engine::Sqlite, &url).await.expect("open");
    db.exec("PRAGMA journal_mode = WAL").await;
    db.exec("PRAGMA synchronous = NORMAL").await;
    kill_cycles(db, &url, "main", dir.path()).await;
    let lake = lake(dir.path());
    cdc_run(
        &lake,
        dir.path(),
        "main",
        &spec(Engine::Sqlite, &url, "main.%"),
    )
    .pipeline()
    .teardown()
    .await
    .expect("teardown");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mariadb_kill_9_during_full_load_and_changes_loses_and_repeats_nothing() {
    on_server(Engine::Mariadb, MYSQL_URL).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_kill_9_during_full_load_and_changes_loses_and_repeats_nothing() {
    on_server(Engine::Postgres, POSTGRES_URL).await;
}

/// The kill cycles in a database/schema of their own on the machine's server.
async fn on_server(engine: Engine, url: &'static str) {
    let Some(source) = Source::create(engine, "lf_kill").await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = source.connect().await;
    let outcome = tokio::spawn({
        let (schema, path) = (source.schema.clone(), dir.path().to_owned());
        async move { kill_cycles(db, url, &schema, &path).await }
    })
    .await;
    let spec = spec(engine, url, &format!("{}.%", source.schema));
    source
        .drop_with(&lake(dir.path()), dir.path(), &spec, outcome)
        .await;
}

/// Fills the tables, then kills a capture + apply child [`CYCLES`] times (with workload
/// between the later cycles), runs once more to the end and compares silver with the
/// source.
async fn kill_cycles(mut db: Db, url: &str, schema: &str, dir: &Path) {
    let engine = db.engine();
    let mut work = Workload::new(schema, 7);
    create_tables(&mut db, schema).await;
    work.bulk_insert(&mut db, load_rows(engine)).await;
    let lake = lake(dir);
    let spec = spec(engine, url, &format!("{schema}.%"));
    let run = cdc_run(&lake, dir, schema, &spec);
    let per_cycle = super::operations().min(MAX_KILL_OPS) / (CYCLES - LOAD_CYCLES);
    let (mut during_load, mut during_changes) = (0, 0);
    for cycle in 0..CYCLES {
        if cycle >= LOAD_CYCLES {
            work.transactions(&mut db, per_cycle).await;
            if cycle == CYCLES / 2 {
                work.add_column(&mut db).await;
            }
            if cycle == CYCLES * 3 / 4 && engine != Engine::Sqlite {
                work.drop_column(&mut db).await;
            }
        }
        let mut child = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "cdc::kill::crash_child",
                "--exact",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(
                CHILD_ENV,
                format!("{}\t{url}\t{schema}\t{}", engine.as_str(), dir.display()),
            )
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let wait = if cycle < LOAD_CYCLES {
            100..800
        } else {
            // A restart lands the full load again from the start, so on a slow machine
            // random kills could keep it from ever finishing: let this child finish it,
            // so that the kill lands among the changes.
            let deadline = Instant::now() + Duration::from_secs(600);
            while !run.pipeline().status().await.expect("status").started
                && child.try_wait().unwrap().is_none()
                && Instant::now() < deadline
            {
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            100..2_500
        };
        tokio::time::sleep(Duration::from_millis(fastrand::u64(wait))).await;
        let running = child.try_wait().unwrap().is_none();
        child.kill().unwrap();
        child.wait().unwrap();
        if running {
            let started = run.pipeline().status().await.expect("status").started;
            *if started {
                &mut during_changes
            } else {
                &mut during_load
            } += 1;
        }
    }
    println!(
        "{engine:?}: of {CYCLES} children, {during_load} were killed during the full load, {during_changes} after it"
    );
    assert!(
        during_load > 0 && during_changes > 0,
        "kills during the full load ({during_load}) and after it ({during_changes})"
    );
    run.run(RunMode::UntilCaughtUp, |_| {})
        .await
        .expect("final run");
    assert_silver_equals_source(&mut db, &lake, schema, schema).await;
}
