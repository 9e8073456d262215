//! The oracle: the same dbt project built by dbt-core with dbt-postgres on the machine's
//! PostgreSQL gives the same rows as `lakeforge dbt build`.
//!
//! Where the engines differ in form, values are compared normalized: numbers to 6 decimals
//! (PostgreSQL's numeric division keeps 16 digits, DataFusion's decimal division 6), times
//! without their `T` and `+00` (PostgreSQL's `date_trunc` of a date gives a timestamptz) and
//! midnight times as dates (dbt-postgres's `dateadd` gives a timestamp, lakeforge's a date).
//! Snapshot metadata (`dbt_scd_id`, validity times) depends on when each ran and is left out.

use std::process::Command;

use lakeforge_transform::DbtCommand;

use crate::support::{copy_dir, dbt_venv, skip_or_fail, workspace};

/// The PostgreSQL database the oracle builds in (created afresh).
const ORACLE_DATABASE: &str = "lakeforge_dbt_oracle";

/// Each compared relation and the columns to compare, ordered by the first.
const COMPARED: &[(&str, &str)] = &[
    (
        "gold.customers",
        "customer_id, full_name, country, order_count, completed_amount, paid_amount, first_order_date, last_order_date, big_orders, value_rank",
    ),
    (
        "gold.orders",
        "order_id, customer_id, order_date, status, amount, amount_again, due_date",
    ),
    (
        "gold.monthly_revenue",
        "month, status, orders, revenue, average_amount, half_orders",
    ),
    ("gold.order_status_counts", "status, orders"),
    (
        "silver.stg_customers",
        "customer_id, full_name, country, signup_date",
    ),
    (
        "silver.customers_snapshot",
        "customer_id, full_name, country",
    ),
    ("silver.raw_payments", "id, order_id, method, amount_cents"),
];

fn psql(database: &str, sql: &str) -> Result<String, String> {
    let out = Command::new("psql")
        .args([
            "-h",
            "127.0.0.1",
            "-U",
            "root",
            "-d",
            database,
            "-X",
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "-c",
            sql,
        ])
        .output()
        .map_err(|e| format!("psql: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

fn normalize(cell: &str) -> String {
    if cell.is_empty() || cell == "NULL" {
        return "NULL".to_string();
    }
    if let Ok(number) = cell.parse::<f64>() {
        return format!("{number:.6}");
    }
    let text = cell.replace('T', " ");
    let text = text.strip_suffix("+00").unwrap_or(&text);
    let text = text.strip_suffix(" 00:00:00").unwrap_or(text);
    match text {
        "t" => "true".into(),
        "f" => "false".into(),
        other => other.to_string(),
    }
}

fn parse_csv(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(|line| split_csv_line(line).iter().map(|c| normalize(c)).collect())
        .collect()
}

/// Splits a CSV line (PostgreSQL quotes cells with commas or quotes).
fn split_csv_line(line: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let (mut cell, mut quoted, mut chars) = (String::new(), false, line.chars().peekable());
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => cells.push(std::mem::take(&mut cell)),
            (c, _) => cell.push(c),
        }
    }
    cells.push(cell);
    cells
}

#[tokio::test]
async fn dbt_postgres_builds_the_same_rows() {
    let Some(venv) = dbt_venv() else {
        skip_or_fail("no dbt in LAKEFORGE_DBT_VENV (install it with .ci/install-dbt.sh)");
        return;
    };
    if let Err(e) = psql(
        "test",
        &format!("DROP DATABASE IF EXISTS {ORACLE_DATABASE}"),
    )
    .and_then(|_| psql("test", &format!("CREATE DATABASE {ORACLE_DATABASE}")))
    {
        skip_or_fail(&format!("PostgreSQL at 127.0.0.1:5432 is not usable: {e}"));
        return;
    }
    let ws = workspace("shop");
    let out = ws.run(DbtCommand::Build, &[]).await;
    assert_eq!(out.code, 0, "{}", out.output);

    // dbt-core on a copy of the same project, with a postgres profile.
    let pg_project = ws.project.parent().unwrap().join("dbt-postgres");
    copy_dir(&ws.project, &pg_project);
    std::fs::write(
        pg_project.join("profiles.yml"),
        format!("shop:\n  target: pg\n  outputs:\n    pg:\n      type: postgres\n      host: 127.0.0.1\n      port: 5432\n      user: root\n      password: ''\n      dbname: {ORACLE_DATABASE}\n      schema: silver\n      threads: 4\n"),
    )
    .unwrap();
    let dbt = Command::new(venv.join("bin/dbt"))
        .args(["build", "--project-dir"])
        .arg(&pg_project)
        .args(["--profiles-dir"])
        .arg(&pg_project)
        .env("DO_NOT_TRACK", "1")
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&dbt.stdout);
    assert!(dbt.status.success(), "dbt-core failed:\n{log}");
    assert!(
        log.contains("PASS=21 WARN=1 ERROR=0 SKIP=0"),
        "dbt-core's counts differ from ours:\n{log}"
    );

    for (relation, columns) in COMPARED {
        let query = format!("select {columns} from {relation} order by 1, 2");
        let expected = psql(
            ORACLE_DATABASE,
            &format!("copy ({query}) to stdout with csv"),
        )
        .unwrap();
        let ours = ws.rows(&query).await;
        let ours: Vec<Vec<String>> = ours
            .iter()
            .map(|row| row.iter().map(|c| normalize(c)).collect())
            .collect();
        assert_eq!(
            ours,
            parse_csv(&expected),
            "{relation} differs from dbt-postgres"
        );
    }
}
