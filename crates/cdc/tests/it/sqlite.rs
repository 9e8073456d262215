//! SQLite: trigger capture into a change table, read in order and trimmed; full load;
//! ADD COLUMN (also before capture re-installs its triggers); reruns land nothing twice.

use lakeforge_cdc::{BatchKind, RunMode};
use lakeforge_spec::Engine;
use sqlx::{Connection, Executor, SqliteConnection};

use crate::support::{Lake, spec, texts};

async fn exec(conn: &mut SqliteConnection, sql: &str) {
    conn.execute(sqlx::AssertSqlSafe(sql.to_owned()))
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn triggers_capture_changes_in_order_and_trim_them() {
    let lake = Lake::new();
    let url = format!(
        "sqlite://{}?mode=rwc",
        lake.dir.path().join("shop.db").display()
    );
    let mut conn = SqliteConnection::connect(&url).await.expect("open");
    exec(&mut conn, "CREATE TABLE product (id INTEGER PRIMARY KEY, name TEXT, price DECIMAL(10,2), img BLOB, added DATETIME)").await;
    exec(
        &mut conn,
        "INSERT INTO product VALUES (1, 'pen', 1.50, x'0102', '2024-05-16 13:45:01')",
    )
    .await;
    exec(&mut conn, "CREATE TABLE other (id INTEGER PRIMARY KEY)").await;

    let pipeline = lake.pipeline("shop", &spec(Engine::Sqlite, &url, "main.product"));
    let load = pipeline
        .run(RunMode::UntilCaughtUp, |_| {})
        .await
        .expect("full load");
    assert_eq!(load.full_load_rows, 1);

    exec(
        &mut conn,
        "INSERT INTO product VALUES (2, 'ink', 3, NULL, NULL)",
    )
    .await;
    exec(&mut conn, "INSERT INTO other VALUES (1)").await;
    exec(&mut conn, "BEGIN; UPDATE product SET price = 2 WHERE id = 1; DELETE FROM product WHERE id = 2; COMMIT").await;
    exec(
        &mut conn,
        "BEGIN; INSERT INTO product VALUES (9, 'gone', 0, NULL, NULL); ROLLBACK",
    )
    .await;
    exec(&mut conn, "UPDATE product SET id = 7 WHERE id = 1").await;
    let changes = pipeline
        .run(RunMode::UntilCaughtUp, |_| {})
        .await
        .expect("changes");
    assert_eq!(changes.change_rows, 5);
    // Changes between an ADD COLUMN and the next poll are written by the old triggers,
    // which do not know the column; capture completes them from the current rows.
    exec(&mut conn, "ALTER TABLE product ADD COLUMN stock INTEGER").await;
    exec(
        &mut conn,
        "INSERT INTO product VALUES (3, 'pad', 4, NULL, NULL, 12)",
    )
    .await;
    exec(&mut conn, "UPDATE product SET stock = 5 WHERE id = 7").await;
    pipeline
        .run(RunMode::UntilCaughtUp, |_| {})
        .await
        .expect("new column");
    let again = pipeline
        .run(RunMode::UntilCaughtUp, |_| {})
        .await
        .expect("nothing new");
    assert_eq!(again.change_rows, 0);

    let left: i64 = sqlx::query_scalar("SELECT count(*) FROM _lakeforge_changes_shop")
        .fetch_one(&mut conn)
        .await
        .expect("change table");
    assert_eq!(left, 0, "landed changes are trimmed");

    let batches = pipeline
        .commit_log()
        .batches_after(None)
        .await
        .expect("log");
    assert_eq!(batches[0].kind, BatchKind::FullLoad);
    let loaded = lake.read(&batches[..1]).await;
    assert_eq!(texts(&loaded, "price"), ["1.50"]);
    assert_eq!(texts(&loaded, "img"), ["0102"]);
    assert_eq!(texts(&loaded, "added"), ["2024-05-16T13:45:01"]);
    let rows = lake.read(&batches[1..]).await;
    assert_eq!(texts(&rows, "Op"), ["I", "U", "D", "D", "I", "I", "U"]);
    assert_eq!(texts(&rows, "id"), ["2", "1", "2", "1", "7", "3", "7"]);
    assert_eq!(texts(&rows, "stock"), ["∅", "∅", "∅", "∅", "∅", "12", "5"]);

    pipeline.teardown().await.expect("teardown");
    let triggers: i64 =
        sqlx::query_scalar("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'")
            .fetch_one(&mut conn)
            .await
            .expect("triggers");
    assert_eq!(triggers, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_table_without_key_gets_columns_added_before_the_next_poll() {
    let lake = Lake::new();
    let url = format!(
        "sqlite://{}?mode=rwc",
        lake.dir.path().join("log.db").display()
    );
    let mut conn = SqliteConnection::connect(&url).await.expect("open");
    exec(&mut conn, "CREATE TABLE event_log (msg TEXT)").await;
    let pipeline = lake.pipeline("log", &spec(Engine::Sqlite, &url, "main.%"));
    pipeline
        .run(RunMode::UntilCaughtUp, |_| {})
        .await
        .expect("full load");
    exec(&mut conn, "INSERT INTO event_log VALUES ('before')").await;
    exec(&mut conn, "ALTER TABLE event_log ADD COLUMN level TEXT").await;
    exec(&mut conn, "INSERT INTO event_log VALUES ('after', 'warn')").await;
    exec(&mut conn, "INSERT INTO event_log VALUES ('gone', 'info')").await;
    exec(&mut conn, "DELETE FROM event_log WHERE msg = 'gone'").await;
    pipeline
        .run(RunMode::UntilCaughtUp, |_| {})
        .await
        .expect("changes");
    let batches = pipeline
        .commit_log()
        .batches_after(None)
        .await
        .expect("log");
    let rows = lake.read(&batches[1..]).await;
    assert_eq!(texts(&rows, "Op"), ["I", "I", "I", "D"]);
    assert_eq!(texts(&rows, "msg"), ["before", "after", "gone", "gone"]);
    // `before` never had a level; `after` is found again by rowid; `gone` was deleted
    // before the poll, so its level cannot be recovered.
    assert_eq!(texts(&rows, "level"), ["∅", "warn", "∅", "∅"]);
    pipeline.teardown().await.expect("teardown");
}
