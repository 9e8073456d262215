//! MariaDB/MySQL: type mapping, full load aligned with the binlog, ordered transactions,
//! rollbacks, schema changes, exactly-once restarts.

use arrow::datatypes::{DataType, TimeUnit};
use lakeforge_cdc::{BatchKind, RunMode, SchemaChange};
use lakeforge_spec::Engine;
use mysql_async::prelude::Queryable;

use crate::support::{Lake, MYSQL_URL, skip, spec, texts, unique};

/// A connection when MariaDB runs with a ROW binlog, else `None` (skipped).
async fn connect() -> Option<mysql_async::Conn> {
    let conn = match mysql_async::Conn::from_url(MYSQL_URL).await {
        Ok(conn) => conn,
        Err(e) => {
            skip(&format!("MariaDB not reachable at {MYSQL_URL}: {e}"));
            return None;
        }
    };
    let mut conn = conn;
    let format: Option<(String, String)> = conn
        .query_first("SELECT CAST(@@log_bin AS CHAR), CAST(@@binlog_row_metadata AS CHAR)")
        .await
        .unwrap_or(None);
    if !matches!(format.as_ref(), Some((log_bin, metadata)) if (log_bin == "1" || log_bin == "ON") && metadata == "FULL")
    {
        skip("MariaDB binlog is not configured for CDC (run scripts/setup-cdc-sources.sh)");
        return None;
    }
    Some(conn)
}

async fn exec(conn: &mut mysql_async::Conn, sql: &str) {
    conn.query_drop(sql)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

const TYPES_TABLE: &str = "CREATE TABLE types (
    id INT PRIMARY KEY, ti TINYINT, tu TINYINT UNSIGNED, si SMALLINT, mi MEDIUMINT UNSIGNED,
    bi BIGINT, bu BIGINT UNSIGNED, de DECIMAL(12,3), fl FLOAT, db DOUBLE, bo BOOLEAN, b1 BIT(1),
    ch CHAR(3), vc VARCHAR(20), tx TEXT, en ENUM('red','green'), st SET('a','b','c'), js JSON,
    da DATE, tm TIME(3), dt DATETIME(6), ts TIMESTAMP(6) NULL, yr YEAR, bn BINARY(2),
    vb VARBINARY(8), bl BLOB)";

const TYPES_ROW: &str = "(ID, -5, 250, -300, 16000000, -9000000000, 18000000000000000000, -123.456, 1.5, 2.25, TRUE, b'1',
    'abc', 'héllo', 'long text', 'green', 'a,c', '{\"k\": [1, 2]}', '2024-05-16', '-12:34:56.789',
    '2024-05-16 13:45:01.123456', '2024-05-16 13:45:01.5', 2024, x'0102', x'FF00', x'DEADBEEF')";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn types_map_the_same_in_full_load_and_binlog() {
    let Some(mut conn) = connect().await else {
        return;
    };
    let db = unique("lf_types");
    exec(&mut conn, &format!("CREATE DATABASE {db}")).await;
    exec(&mut conn, &format!("USE {db}")).await;
    exec(&mut conn, "SET time_zone = '+00:00'").await;
    exec(&mut conn, TYPES_TABLE).await;
    exec(
        &mut conn,
        &format!("INSERT INTO types VALUES {}", TYPES_ROW.replace("ID", "1")),
    )
    .await;
    exec(&mut conn, "INSERT INTO types (id) VALUES (3)").await;

    let lake = Lake::new();
    let pipeline = lake.pipeline(&db, &spec(Engine::Mariadb, MYSQL_URL, &format!("{db}.%")));
    pipeline
        .run(RunMode::UntilCaughtUp, |_| {})
        .await
        .expect("full load");
    exec(
        &mut conn,
        &format!("INSERT INTO types VALUES {}", TYPES_ROW.replace("ID", "2")),
    )
    .await;
    pipeline
        .run(RunMode::UntilCaughtUp, |_| {})
        .await
        .expect("changes");
    exec(&mut conn, &format!("DROP DATABASE {db}")).await;

    let batches = pipeline
        .commit_log()
        .batches_after(None)
        .await
        .expect("log");
    assert_eq!(batches[0].kind, BatchKind::FullLoad);
    assert!(
        batches[0].files[0]
            .path
            .ends_with(&format!("dms/{db}/types/LOAD00000001.parquet"))
    );
    let load = lake.read(&batches[..1]).await;
    let changes = lake.read(&batches[1..]).await;
    assert_eq!(changes.len(), 1, "one change file");
    assert!(
        changes[0].0.contains("/20"),
        "date-partitioned: {}",
        changes[0].0
    );

    let expected = [
        ("ti", DataType::Int8, "-5"),
        ("tu", DataType::UInt8, "250"),
        ("si", DataType::Int16, "-300"),
        ("mi", DataType::UInt32, "16000000"),
        ("bi", DataType::Int64, "-9000000000"),
        ("bu", DataType::UInt64, "18000000000000000000"),
        ("de", DataType::Decimal128(12, 3), "-123.456"),
        ("fl", DataType::Float32, "1.5"),
        ("db", DataType::Float64, "2.25"),
        ("bo", DataType::Int8, "1"),
        ("b1", DataType::Boolean, "true"),
        ("ch", DataType::Utf8, "abc"),
        ("vc", DataType::Utf8, "héllo"),
        ("tx", DataType::Utf8, "long text"),
        ("en", DataType::Utf8, "green"),
        ("st", DataType::Utf8, "a,c"),
        ("da", DataType::Date32, "2024-05-16"),
        (
            "tm",
            DataType::Time64(TimeUnit::Microsecond),
            "-45296789000",
        ),
        (
            "dt",
            DataType::Timestamp(TimeUnit::Microsecond, None),
            "2024-05-16T13:45:01.123456",
        ),
        (
            "ts",
            DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into())),
            "2024-05-16T13:45:01.500",
        ),
        ("yr", DataType::Int16, "2024"),
        ("bn", DataType::Binary, "0102"),
        ("vb", DataType::Binary, "ff00"),
        ("bl", DataType::Binary, "deadbeef"),
    ];
    for (file, batch) in [&load[0], &changes[0]] {
        for (name, data_type, value) in &expected {
            let field = batch
                .schema()
                .field_with_name(name)
                .expect("column")
                .clone();
            assert_eq!(field.data_type(), data_type, "{file}: type of {name}");
            let got = if let DataType::Time64(_) = data_type {
                // Arrow prints no negative times: compare microseconds.
                let times = batch.column_by_name(name).expect("column");
                let times = times
                    .as_any()
                    .downcast_ref::<arrow::array::Time64MicrosecondArray>()
                    .expect("time");
                times.value(0).to_string()
            } else {
                texts(&[(file.clone(), batch.clone())], name)[0].clone()
            };
            let got = &got;
            assert_eq!(got, value, "{file}: value of {name}");
        }
        let js = texts(&[(file.clone(), batch.clone())], "js");
        let parsed: serde_json::Value = serde_json::from_str(&js[0]).expect("json text");
        assert_eq!(parsed, serde_json::json!({"k": [1, 2]}), "{file}: json");
    }
    assert_eq!(texts(&load, "vc"), ["héllo", "∅"], "NULLs land as NULL");
    assert_eq!(texts(&changes, "Op"), ["I"]);
    assert_eq!(texts(&load, "Op"), ["I", "I"], "include_op_for_full_load");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn transactions_keep_order_rollbacks_vanish_and_schema_changes_flow() {
    let Some(mut conn) = connect().await else {
        return;
    };
    let db = unique("lf_tx");
    exec(&mut conn, &format!("CREATE DATABASE {db}")).await;
    exec(&mut conn, &format!("USE {db}")).await;
    exec(
        &mut conn,
        "CREATE TABLE account (id INT PRIMARY KEY, balance INT, note VARCHAR(10))",
    )
    .await;
    exec(&mut conn, "CREATE TABLE ignored (id INT PRIMARY KEY)").await;
    exec(
        &mut conn,
        "INSERT INTO account VALUES (1, 100, 'a'), (2, 200, 'b')",
    )
    .await;

    let lake = Lake::new();
    let mut spec = spec(Engine::Mariadb, MYSQL_URL, &format!("{db}.%"))
        .exclude([format!("{db}.ignored")])
        .rename_schema(db.clone(), "landed");
    spec.timestamp_column = "cdc_timestamp".into();
    let pipeline = lake.pipeline(&db, &spec);
    pipeline
        .run(RunMode::UntilCaughtUp, |_| {})
        .await
        .expect("full load");

    for sql in [
        "START TRANSACTION",
        "UPDATE account SET balance = balance - 10 WHERE id = 1",
        "UPDATE account SET balance = balance + 10 WHERE id = 2",
        "INSERT INTO account VALUES (3, 300, 'c')",
        "COMMIT",
        "START TRANSACTION",
        "INSERT INTO account VALUES (99, 0, 'rollback')",
        "ROLLBACK",
        "INSERT INTO ignored VALUES (1)",
        "DELETE FROM account WHERE id = 2",
        "UPDATE account SET id = 10 WHERE id = 1",
        "ALTER TABLE account ADD COLUMN email VARCHAR(40)",
        "INSERT INTO account VALUES (4, 400, 'd', 'x@y.z')",
        "ALTER TABLE account DROP COLUMN note",
        "INSERT INTO account VALUES (5, 500, 'e@f.g')",
        "CREATE INDEX balance_idx ON account (balance)",
    ] {
        exec(&mut conn, sql).await;
    }
    let summary = pipeline
        .run(RunMode::UntilCaughtUp, |_| {})
        .await
        .expect("changes");
    let again = pipeline
        .run(RunMode::UntilCaughtUp, |_| {})
        .await
        .expect("nothing new");
    exec(&mut conn, &format!("DROP DATABASE {db}")).await;
    assert_eq!(again.change_rows, 0, "a rerun lands nothing twice");

    let batches = pipeline
        .commit_log()
        .batches_after(Some(1))
        .await
        .expect("log");
    let rows = lake.read(&batches).await;
    assert!(
        rows.iter()
            .all(|(path, _)| path.starts_with("dms/landed/account/")),
        "renamed, excluded"
    );
    assert_eq!(texts(&rows, "Op"), ["U", "U", "I", "D", "D", "I", "I", "I"]);
    assert_eq!(
        texts(&rows, "id"),
        ["1", "2", "3", "2", "1", "10", "4", "5"]
    );
    assert_eq!(
        texts(&rows, "balance"),
        ["90", "210", "300", "210", "90", "90", "400", "500"]
    );
    assert_eq!(
        texts(&rows, "email"),
        ["∅", "∅", "∅", "∅", "∅", "∅", "x@y.z", "e@f.g"]
    );
    assert_eq!(
        texts(&rows, "note"),
        ["a", "b", "c", "b", "a", "a", "d", "∅"]
    );
    let seqs = texts(&rows, "_lf_change_seq");
    let numbers: Vec<i64> = seqs.iter().map(|s| s.parse().expect("seq")).collect();
    assert!(
        numbers.windows(2).all(|w| w[0] < w[1]),
        "change order: {numbers:?}"
    );
    let txns = texts(&rows, "_lf_txn_seq");
    assert_eq!(txns[0], txns[1], "one transaction");
    assert_eq!(txns[1], txns[2], "one transaction");
    assert!(
        texts(&rows, "cdc_timestamp")
            .iter()
            .all(|t| t.len() == 26 && t.ends_with(".000000"))
    );
    let changes: Vec<&SchemaChange> = batches.iter().flat_map(|b| &b.schema_changes).collect();
    assert!(
        changes
            .iter()
            .any(|c| matches!(c, SchemaChange::AddColumn { column, .. } if column == "email"))
    );
    assert!(
        changes
            .iter()
            .any(|c| matches!(c, SchemaChange::DropColumn { column, .. } if column == "note"))
    );
    assert!(changes.iter().any(|c| matches!(c, SchemaChange::Other { statement, .. } if statement.starts_with("CREATE INDEX"))));
    assert!(summary.transactions >= 6, "transactions counted");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn interrupted_runs_neither_lose_nor_duplicate() {
    let Some(mut conn) = connect().await else {
        return;
    };
    let db = unique("lf_crash");
    exec(&mut conn, &format!("CREATE DATABASE {db}")).await;
    exec(&mut conn, &format!("USE {db}")).await;
    exec(&mut conn, "CREATE TABLE t (id INT PRIMARY KEY, v INT)").await;
    let lake = Lake::new();
    let pipeline = lake.pipeline(&db, &spec(Engine::Mariadb, MYSQL_URL, &format!("{db}.%")));
    let mut expected = 0;
    for cycle in 0..8u64 {
        for i in 0..200 {
            let id = cycle * 1000 + i;
            exec(&mut conn, &format!("INSERT INTO t VALUES ({id}, {i})")).await;
            expected += 1;
        }
        // Cut the run off at a different point each cycle (mid-load, mid-batch, …).
        let cut = std::time::Duration::from_millis(30 + cycle * 40);
        let _ = tokio::time::timeout(cut, pipeline.run(RunMode::Follow, |_| {})).await;
    }
    pipeline
        .run(RunMode::UntilCaughtUp, |_| {})
        .await
        .expect("final run");
    exec(&mut conn, &format!("DROP DATABASE {db}")).await;
    let batches = pipeline
        .commit_log()
        .batches_after(None)
        .await
        .expect("log");
    let ids = texts(&lake.read(&batches).await, "id");
    let mut unique_ids = ids.clone();
    unique_ids.sort();
    unique_ids.dedup();
    assert_eq!(ids.len(), expected, "every row landed once");
    assert_eq!(unique_ids.len(), expected, "no duplicates");
}
