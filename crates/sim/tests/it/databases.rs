//! Writes to the machine's real MariaDB and PostgreSQL (required in CI:
//! LAKEFORGE_REQUIRE_SERVICES=1), each test in its own schema, dropped after.

use lakeforge_sim::oltp::schema::Table;
use lakeforge_sim::{DatabaseSink, SimError};

use crate::support::{connect, params, run_into, scalar, services_required, unique_schema};

/// Connects a sink, or explains the skip (failing instead when services are required).
async fn sink_or_skip(service: &str, url: &str, schema: &str) -> Option<DatabaseSink> {
    match DatabaseSink::connect(url, schema).await {
        Ok(sink) => Some(sink),
        Err(SimError::Database { action, source, .. })
            if action.starts_with("connect") && !services_required() =>
        {
            println!("skipped: {service} is not reachable at {url}: {source}");
            None
        }
        Err(err) => panic!("{service}: {err}"),
    }
}

/// Runs a small simulation into `url`/`schema`, checks every table's rows,
/// then drops the schema with the statement `drop_schema`.
async fn round_trip(service: &str, url: &str, schema: &str, drop_schema: String) {
    let Some(sink) = sink_or_skip(service, url, schema).await else {
        return;
    };
    let (summary, _, rows) = run_into(params(150, 10, 51), sink).await;
    let mut conn = connect(url).await;
    for table in Table::ALL {
        let count = scalar(
            &mut conn,
            format!("SELECT COUNT(*) FROM {schema}.{}", table.name()),
        )
        .await;
        assert_eq!(
            count,
            rows.get(table.name()).copied().unwrap_or(0),
            "{service} {}",
            table.name()
        );
    }
    let orders = scalar(
        &mut conn,
        format!("SELECT COUNT(DISTINCT order_id) FROM {schema}.order_items"),
    )
    .await;
    assert_eq!(orders as u64, summary.orders);
    let delivered = scalar(
        &mut conn,
        format!("SELECT COUNT(*) FROM {schema}.order_items WHERE status = 'delivered'"),
    )
    .await;
    assert!(delivered > 0 && summary.deletes > 0, "{summary}");
    // A second connect recreates the tables empty.
    drop(DatabaseSink::connect(url, schema).await.unwrap());
    assert_eq!(
        scalar(&mut conn, format!("SELECT COUNT(*) FROM {schema}.customer")).await,
        0
    );
    sqlx::raw_sql(sqlx::AssertSqlSafe(drop_schema))
        .execute(&mut conn)
        .await
        .unwrap();
}

#[tokio::test]
async fn writes_to_mariadb() {
    let schema = unique_schema("mysql");
    let drop = format!("DROP DATABASE {schema}");
    round_trip("MariaDB", "mysql://root@127.0.0.1:3306/test", &schema, drop).await;
}

#[tokio::test]
async fn writes_to_postgresql() {
    let schema = unique_schema("pg");
    let drop = format!("DROP SCHEMA {schema} CASCADE");
    round_trip(
        "PostgreSQL",
        "postgres://root@127.0.0.1:5432/test",
        &schema,
        drop,
    )
    .await;
}
