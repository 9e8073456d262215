//! PostgreSQL: type mapping through the exported snapshot and pgoutput, ordered
//! transactions, rollbacks, ADD/DROP COLUMN, slot cleanup.

use arrow::datatypes::{DataType, Field, TimeUnit};
use lakeforge_cdc::{RunMode, SchemaChange};
use lakeforge_spec::Engine;
use sqlx::{Connection, Executor, PgConnection};

use crate::support::{Lake, POSTGRES_URL, skip, spec, texts, unique};

/// A connection when PostgreSQL runs with wal_level=logical, else `None` (skipped).
async fn connect() -> Option<PgConnection> {
    let mut conn = match PgConnection::connect(POSTGRES_URL).await {
        Ok(conn) => conn,
        Err(e) => {
            skip(&format!("PostgreSQL not reachable at {POSTGRES_URL}: {e}"));
            return None;
        }
    };
    let level: String = sqlx::query_scalar("SHOW wal_level")
        .fetch_one(&mut conn)
        .await
        .ok()?;
    if level != "logical" {
        skip("PostgreSQL wal_level is not logical (run scripts/setup-cdc-sources.sh)");
        return None;
    }
    Some(conn)
}

async fn exec(conn: &mut PgConnection, sql: &str) {
    conn.execute(sqlx::AssertSqlSafe(sql.to_owned()))
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

const TYPES_TABLE: &str = "CREATE TABLE SCHEMA.types (
    id int PRIMARY KEY, si smallint, bi bigint, nu numeric(12,3), nf numeric, r real, d double precision,
    b boolean, c char(3), vc varchar(20), t text, j json, jb jsonb, u uuid, by bytea, da date,
    ti time(6), ts timestamp(6), tz timestamptz, ia int[], ta text[], mood SCHEMA.mood)";

const TYPES_ROW: &str = "(ID, -300, -9000000000, -123.456, 1.5, 1.5, 2.25, true, 'abc', 'héllo', 'long',
    '{\"k\": [1, 2]}', '{\"k\": [1, 2]}', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '\\x0102', '2024-05-16',
    '13:45:01.25', '2024-05-16 13:45:01.123456', '2024-05-16 15:45:01.5+02', '{1,NULL,3}', '{\"a b\",c}', 'happy')";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn types_map_the_same_in_full_load_and_pgoutput() {
    let Some(mut conn) = connect().await else {
        return;
    };
    let schema = unique("lf_types");
    exec(&mut conn, &format!("CREATE SCHEMA {schema}")).await;
    exec(
        &mut conn,
        &format!("CREATE TYPE {schema}.mood AS ENUM ('sad', 'happy')"),
    )
    .await;
    exec(&mut conn, &TYPES_TABLE.replace("SCHEMA", &schema)).await;
    exec(
        &mut conn,
        &format!(
            "INSERT INTO {schema}.types VALUES {}",
            TYPES_ROW.replace("ID", "1")
        ),
    )
    .await;
    exec(
        &mut conn,
        &format!("INSERT INTO {schema}.types (id) VALUES (3)"),
    )
    .await;

    let lake = Lake::new();
    let pipeline = lake.pipeline(
        &schema,
        &spec(Engine::Postgres, POSTGRES_URL, &format!("{schema}.%")),
    );
    let problems = pipeline.check_source_config().await.expect("check");
    assert!(problems.is_empty(), "{problems:?}");
    let outcome = async {
        pipeline.run(RunMode::UntilCaughtUp, |_| {}).await?;
        exec(
            &mut conn,
            &format!(
                "INSERT INTO {schema}.types VALUES {}",
                TYPES_ROW.replace("ID", "2")
            ),
        )
        .await;
        pipeline.run(RunMode::UntilCaughtUp, |_| {}).await
    }
    .await;
    pipeline.teardown().await.expect("teardown");
    exec(&mut conn, &format!("DROP SCHEMA {schema} CASCADE")).await;
    outcome.expect("runs");

    let batches = pipeline
        .commit_log()
        .batches_after(None)
        .await
        .expect("log");
    let load = lake.read(&batches[..1]).await;
    let changes = lake.read(&batches[1..]).await;
    assert_eq!(changes.len(), 1, "one change file");
    let int_list = DataType::List(Field::new("item", DataType::Int32, true).into());
    let text_list = DataType::List(Field::new("item", DataType::Utf8, true).into());
    let expected = [
        ("si", DataType::Int16, "-300"),
        ("bi", DataType::Int64, "-9000000000"),
        ("nu", DataType::Decimal128(12, 3), "-123.456"),
        ("nf", DataType::Utf8, "1.5"),
        ("r", DataType::Float32, "1.5"),
        ("d", DataType::Float64, "2.25"),
        ("b", DataType::Boolean, "true"),
        ("c", DataType::Utf8, "abc"),
        ("vc", DataType::Utf8, "héllo"),
        ("t", DataType::Utf8, "long"),
        ("u", DataType::Utf8, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
        ("by", DataType::Binary, "0102"),
        ("da", DataType::Date32, "2024-05-16"),
        (
            "ti",
            DataType::Time64(TimeUnit::Microsecond),
            "13:45:01.250",
        ),
        (
            "ts",
            DataType::Timestamp(TimeUnit::Microsecond, None),
            "2024-05-16T13:45:01.123456",
        ),
        (
            "tz",
            DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into())),
            "2024-05-16T13:45:01.500",
        ),
        ("ia", int_list, "[1, , 3]"),
        ("ta", text_list, "[a b, c]"),
        ("mood", DataType::Utf8, "happy"),
    ];
    for (file, batch) in [&load[0], &changes[0]] {
        let one = [(file.clone(), batch.clone())];
        for (name, data_type, value) in &expected {
            let field = batch
                .schema()
                .field_with_name(name)
                .expect("column")
                .clone();
            assert_eq!(field.data_type(), data_type, "{file}: type of {name}");
            assert_eq!(&texts(&one, name)[0], value, "{file}: value of {name}");
        }
        for name in ["j", "jb"] {
            let parsed: serde_json::Value =
                serde_json::from_str(&texts(&one, name)[0]).expect("json");
            assert_eq!(parsed, serde_json::json!({"k": [1, 2]}), "{file}: {name}");
        }
    }
    assert_eq!(texts(&load, "vc"), ["héllo", "∅"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn transactions_keep_order_rollbacks_vanish_and_columns_flow() {
    let Some(mut conn) = connect().await else {
        return;
    };
    let schema = unique("lf_tx");
    exec(&mut conn, &format!("CREATE SCHEMA {schema}")).await;
    exec(
        &mut conn,
        &format!("CREATE TABLE {schema}.account (id int PRIMARY KEY, balance int, note text)"),
    )
    .await;
    exec(
        &mut conn,
        &format!("INSERT INTO {schema}.account VALUES (1, 100, 'a'), (2, 200, 'b')"),
    )
    .await;
    let lake = Lake::new();
    let pipeline = lake.pipeline(
        &schema,
        &spec(Engine::Postgres, POSTGRES_URL, &format!("{schema}.%")),
    );
    let outcome = async {
        pipeline.run(RunMode::UntilCaughtUp, |_| {}).await?;
        let t = format!("{schema}.account");
        for sql in [
            format!("BEGIN; UPDATE {t} SET balance = balance - 10 WHERE id = 1; UPDATE {t} SET balance = balance + 10 WHERE id = 2; INSERT INTO {t} VALUES (3, 300, 'c'); COMMIT"),
            format!("BEGIN; INSERT INTO {t} VALUES (99, 0, 'rollback'); ROLLBACK"),
            format!("DELETE FROM {t} WHERE id = 2"),
            format!("UPDATE {t} SET id = 10 WHERE id = 1"),
            format!("ALTER TABLE {t} ADD COLUMN email text"),
            format!("INSERT INTO {t} VALUES (4, 400, 'd', 'x@y.z')"),
            format!("ALTER TABLE {t} DROP COLUMN note"),
            format!("INSERT INTO {t} VALUES (5, 500, 'e@f.g')"),
        ] {
            exec(&mut conn, &sql).await;
        }
        pipeline.run(RunMode::UntilCaughtUp, |_| {}).await?;
        pipeline.run(RunMode::UntilCaughtUp, |_| {}).await
    }
    .await;
    pipeline.teardown().await.expect("teardown");
    exec(&mut conn, &format!("DROP SCHEMA {schema} CASCADE")).await;
    assert_eq!(
        outcome.expect("runs").change_rows,
        0,
        "a rerun lands nothing twice"
    );

    let batches = pipeline
        .commit_log()
        .batches_after(Some(1))
        .await
        .expect("log");
    let rows = lake.read(&batches).await;
    assert_eq!(texts(&rows, "Op"), ["U", "U", "I", "D", "D", "I", "I", "I"]);
    assert_eq!(
        texts(&rows, "id"),
        ["1", "2", "3", "2", "1", "10", "4", "5"]
    );
    assert_eq!(
        texts(&rows, "email"),
        ["∅", "∅", "∅", "∅", "∅", "∅", "x@y.z", "e@f.g"]
    );
    let txns = texts(&rows, "_lf_txn_seq");
    assert!(
        txns[0] == txns[1] && txns[1] == txns[2],
        "one transaction: {txns:?}"
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
}
