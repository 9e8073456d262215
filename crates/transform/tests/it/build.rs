//! `dbt build` and friends on the shop project: tables, views, incremental models, seeds,
//! snapshots, tests and artifacts.

use lakeforge_transform::DbtCommand;

use crate::support::workspace;

#[tokio::test]
async fn build_runs_every_node_and_the_lake_answers() {
    let ws = workspace("shop");
    let out = ws.run(DbtCommand::Build, &[]).await;
    assert_eq!(out.code, 0, "{}", out.output);
    assert!(
        out.output.contains("Done. PASS=21 WARN=1 ERROR=0 SKIP=0"),
        "{}",
        out.output
    );
    assert!(
        out.output.contains("START sql table model gold.customers"),
        "{}",
        out.output
    );
    assert!(
        out.output
            .contains("WARN 1 is_positive_customers_order_count"),
        "{}",
        out.output
    );
    // Marts land in gold (the project's generate_schema_name), staging in the target zone.
    let rows = ws
        .rows("select customer_id, full_name, order_count, completed_amount, paid_amount, value_rank from gold.customers order by customer_id")
        .await;
    assert_eq!(rows.len(), 6);
    assert_eq!(
        rows[0],
        ["1", "Ada Lovelace", "3", "155.50", "167.500000", "3"]
    );
    assert_eq!(rows[5], ["6", "Ken Thompson", "0", "0.00", "0.000000", "6"]);
    // A view is persisted: a fresh session (another process) reads it.
    let view = ws.rows("select count(*) from shop.silver.stg_orders").await;
    assert_eq!(view, [["10"]]);
    let counts = ws
        .rows("select status, orders from gold.order_status_counts order by status")
        .await;
    assert_eq!(counts[0], ["completed", "5"]);
    // The ephemeral model is no table.
    assert!(
        ws.lake
            .sql("select * from silver.stg_payments")
            .await
            .is_err()
    );
    for artifact in [
        "manifest.json",
        "run_results.json",
        "compiled/shop/models/marts/customers.sql",
        "run/shop/models/marts/customers.sql",
    ] {
        assert!(
            ws.project.join("target").join(artifact).is_file(),
            "{artifact} missing"
        );
    }
    let compiled = std::fs::read_to_string(
        ws.project
            .join("target/compiled/shop/models/marts/customers.sql"),
    )
    .unwrap();
    assert!(
        compiled.starts_with("with __dbt__cte__stg_payments as ("),
        "{compiled}"
    );
    assert!(
        compiled.contains("\"shop\".\"silver\".\"stg_orders\""),
        "{compiled}"
    );
}

#[tokio::test]
async fn each_build_is_one_commit_and_incremental_models_merge() {
    let ws = workspace("shop");
    assert_eq!(ws.run(DbtCommand::Build, &[]).await.code, 0);
    let version = |tables: &[lakeforge_lake::TableInfo], name: &str| {
        tables
            .iter()
            .find(|t| t.table == name)
            .map(|t| t.version)
            .unwrap()
    };
    let before = ws.lake.tables().await.unwrap();
    // A new order and a changed status for the newest one: merge by order_id.
    let mut seed = std::fs::read_to_string(ws.project.join("seeds/raw_orders.csv")).unwrap();
    seed = seed.replace(
        "109,5,2026-04-11,returned,55.55",
        "109,5,2026-04-11,completed,55.55",
    );
    seed.push_str("110,6,2026-04-12,placed,19.99\n");
    ws.write("seeds/raw_orders.csv", &seed);
    let out = ws.run(DbtCommand::Build, &[]).await;
    assert_eq!(out.code, 0, "{}", out.output);
    assert!(
        out.output
            .contains("OK created sql incremental model gold.orders")
            && out.output.contains("[MERGE 2 in"),
        "{}",
        out.output
    );
    let after = ws.lake.tables().await.unwrap();
    for table in ["orders", "customers", "raw_orders"] {
        assert_eq!(
            version(&after, table),
            version(&before, table) + 1,
            "{table}: one commit per build"
        );
    }
    let orders = ws
        .rows("select order_id, status from gold.orders order by order_id")
        .await;
    assert_eq!(orders.len(), 11);
    assert_eq!(orders[9], ["109", "completed"]);
    assert_eq!(orders[10], ["110", "placed"]);
    // Time travel shows the first build.
    let first = ws
        .rows("select count(*) from gold.orders version as of 0")
        .await;
    assert_eq!(first, [["10"]]);
}

#[tokio::test]
async fn new_columns_are_appended_and_full_refresh_rebuilds() {
    let ws = workspace("shop");
    assert_eq!(ws.run(DbtCommand::Build, &[]).await.code, 0);
    let model = std::fs::read_to_string(ws.project.join("models/marts/orders.sql")).unwrap();
    ws.write(
        "models/marts/orders.sql",
        &model.replace(
            "    amount,\n",
            "    amount,\n    upper(status) as status_code,\n",
        ),
    );
    let out = ws.run(DbtCommand::Run, &["orders"]).await;
    assert_eq!(out.code, 0, "{}", out.output);
    // Only the newest date's order was selected again: it has the new column.
    let rows = ws.rows("select order_id, status_code from gold.orders where order_id in (100, 109) order by order_id").await;
    assert_eq!(rows, [["100", "NULL"], ["109", "RETURNED"]]);
    let mut args = ws.args(DbtCommand::Run);
    args.select = vec!["orders".into()];
    args.full_refresh = true;
    assert_eq!(ws.dbt(args).await.code, 0);
    let rows = ws
        .rows("select count(*) from gold.orders where status_code is null")
        .await;
    assert_eq!(rows, [["0"]]);
}

#[tokio::test]
async fn on_schema_change_fail_refuses_a_changed_query() {
    let ws = workspace("shop");
    assert_eq!(ws.run(DbtCommand::Build, &[]).await.code, 0);
    let model = std::fs::read_to_string(ws.project.join("models/marts/orders.sql")).unwrap();
    let changed = model
        .replace(
            "on_schema_change='append_new_columns'",
            "on_schema_change='fail'",
        )
        .replace("    amount,\n", "    amount,\n    1 as extra,\n");
    ws.write("models/marts/orders.sql", &changed);
    let out = ws.run(DbtCommand::Run, &["orders"]).await;
    assert_eq!(out.code, 1, "{}", out.output);
    assert!(out.output.contains("out of sync"), "{}", out.output);
}

#[tokio::test]
async fn seeds_get_dbt_types_and_column_types() {
    let ws = workspace("shop");
    assert_eq!(ws.run(DbtCommand::Seed, &[]).await.code, 0);
    let types = ws
        .rows("select arrow_typeof(amount), arrow_typeof(order_date), arrow_typeof(id) from silver.raw_orders limit 1")
        .await;
    assert_eq!(types, [["Decimal128(38, 2)", "Date32", "Int64"]]);
    let cents = ws
        .rows("select arrow_typeof(amount_cents) from silver.raw_payments limit 1")
        .await;
    assert_eq!(cents, [["Int64"]]);
    // An empty cell is NULL.
    let country = ws
        .rows("select country from silver.raw_customers where id = 6")
        .await;
    assert_eq!(country, [["NULL"]]);
}

#[tokio::test]
async fn snapshots_keep_history_with_the_check_strategy() {
    let ws = workspace("shop");
    assert_eq!(ws.run(DbtCommand::Build, &[]).await.code, 0);
    let seed = std::fs::read_to_string(ws.project.join("seeds/raw_customers.csv")).unwrap();
    ws.write(
        "seeds/raw_customers.csv",
        &seed.replace("6,Ken,Thompson,,2026-03-09", "6,Ken,Thompson,US,2026-03-09"),
    );
    assert_eq!(ws.run(DbtCommand::Seed, &[]).await.code, 0);
    let out = ws.run(DbtCommand::Snapshot, &[]).await;
    assert_eq!(out.code, 0, "{}", out.output);
    let rows = ws
        .rows("select country, dbt_valid_to is null from silver.customers_snapshot where customer_id = 6 order by dbt_valid_from")
        .await;
    assert_eq!(rows, [["unknown", "false"], ["US", "true"]]);
    let total = ws
        .rows("select count(*), count(distinct dbt_scd_id) from silver.customers_snapshot")
        .await;
    assert_eq!(total, [["7", "7"]]);
    // Unchanged sources change nothing.
    assert_eq!(ws.run(DbtCommand::Snapshot, &[]).await.code, 0);
    assert_eq!(
        ws.rows("select count(*) from silver.customers_snapshot")
            .await,
        [["7"]]
    );
}

#[tokio::test]
async fn failing_tests_fail_the_build_and_skip_what_is_downstream() {
    let ws = workspace("shop");
    ws.write(
        "tests/no_returns.sql",
        "select * from {{ ref('stg_orders') }} where status = 'returned'\n",
    );
    let out = ws.run(DbtCommand::Build, &[]).await;
    assert_eq!(out.code, 1, "{}", out.output);
    assert!(out.output.contains("FAIL 2 no_returns"), "{}", out.output);
    assert!(
        out.output.contains("SKIP relation gold.customers"),
        "{}",
        out.output
    );
    assert!(
        out.output
            .contains("Got 2 results, configured to fail if != 0"),
        "{}",
        out.output
    );
    let results: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(ws.project.join("target/run_results.json")).unwrap(),
    )
    .unwrap();
    let statuses: Vec<&str> = results["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    assert!(statuses.contains(&"fail") && statuses.contains(&"skipped"));
}

#[tokio::test]
async fn store_failures_keeps_the_failing_rows_as_a_table() {
    let ws = workspace("shop");
    ws.write(
        "models/extra.yml",
        "version: 2\nmodels:\n  - name: monthly_revenue\n    columns:\n      - name: half_orders\n        tests:\n          - is_positive:\n              config:\n                store_failures: true\n                severity: warn\n",
    );
    // Eager indirect selection (as dbt's) would also pick the relationships test of
    // stg_orders, whose other parent is not built here.
    let mut args = ws.args(DbtCommand::Build);
    args.select = vec!["+monthly_revenue".into()];
    args.exclude = vec!["test_name:relationships".into()];
    let out = ws.dbt(args).await;
    assert_eq!(out.code, 0, "{}", out.output);
    assert!(
        out.output
            .contains("WARN 5 is_positive_monthly_revenue_half_orders"),
        "{}",
        out.output
    );
    let stored = ws
        .rows("select count(*) from silver.is_positive_monthly_revenue_half_orders")
        .await;
    assert_eq!(stored, [["5"]]);
}

#[tokio::test]
async fn compile_ls_parse_and_clean() {
    let ws = workspace("shop");
    let out = ws.run(DbtCommand::Compile, &[]).await;
    assert_eq!(out.code, 0, "{}", out.output);
    let analysis = std::fs::read_to_string(
        ws.project
            .join("target/compiled/shop/analyses/top_customers.sql"),
    )
    .unwrap();
    assert!(
        analysis.contains("\"shop\".\"gold\".\"customers\""),
        "{analysis}"
    );
    assert!(
        ws.lake.tables().await.unwrap().is_empty(),
        "compile runs nothing"
    );
    let mut args = ws.args(DbtCommand::Ls);
    args.select = vec!["+customers".into()];
    args.resource_types = vec!["model".into()];
    args.output = Some("name".into());
    let out = ws.dbt(args).await;
    let mut names: Vec<&str> = out.output.lines().collect();
    names.sort();
    assert_eq!(
        names,
        ["customers", "stg_customers", "stg_orders", "stg_payments"]
    );
    let out = ws.run(DbtCommand::Parse, &[]).await;
    assert_eq!(out.code, 0, "{}", out.output);
    assert!(ws.project.join("target/manifest.json").is_file());
    assert_eq!(ws.run(DbtCommand::Clean, &[]).await.code, 0);
    assert!(!ws.project.join("target").exists());
}

#[tokio::test]
async fn sources_map_to_lake_tables_and_freshness_is_checked() {
    let ws = workspace("shop");
    ws.write(
        "models/sources.yml",
        "version: 2\nsources:\n  - name: raw\n    schema: bronze\n    freshness:\n      warn_after: {count: 1, period: day}\n    tables:\n      - name: events\n        loaded_at_field: event_time\n        columns:\n          - name: id\n            tests: [not_null]\n      - name: refunds\n        freshness:\n          error_after: {count: 1, period: hour}\n",
    );
    ws.write(
        "models/marts/event_counts.sql",
        "select count(*) as events from {{ source('raw', 'events') }}\n",
    );
    let now = chrono::Utc::now().format("%Y-%m-%d %H:%M:%S").to_string();
    let events = format!(
        "select 1 as id, cast('{now}' as timestamp) as event_time union all select 2, cast('2026-01-01 00:00:00' as timestamp)"
    );
    write_table(&ws, "bronze", "events", &events).await;
    write_table(&ws, "bronze", "refunds", "select 1 as id").await;
    let out = ws.run(DbtCommand::Build, &["source:raw+"]).await;
    assert_eq!(out.code, 0, "{}", out.output);
    assert_eq!(
        ws.rows("select events from gold.event_counts").await,
        [["2"]]
    );
    assert!(
        out.output.contains("PASS source_not_null_raw_events_id"),
        "{}",
        out.output
    );
    // events is fresh (newest row now); refunds was committed just now too.
    let out = ws.run(DbtCommand::SourceFreshness, &[]).await;
    assert_eq!(out.code, 0, "{}", out.output);
    assert!(
        out.output.contains("PASS freshness of raw.events"),
        "{}",
        out.output
    );
    let sources: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(ws.project.join("target/sources.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(sources["results"].as_array().unwrap().len(), 2);
    // A stale loaded_at_field is an error: exit 1.
    write_table(
        &ws,
        "bronze",
        "events",
        "select 1 as id, cast('2020-01-01 00:00:00' as timestamp) as event_time",
    )
    .await;
    ws.write(
        "models/sources.yml",
        &std::fs::read_to_string(ws.project.join("models/sources.yml"))
            .unwrap()
            .replace("warn_after", "error_after"),
    );
    let out = ws.run(DbtCommand::SourceFreshness, &[]).await;
    assert_eq!(out.code, 1, "{}", out.output);
    assert!(
        out.output.contains("ERROR STALE freshness of raw.events"),
        "{}",
        out.output
    );
}

async fn write_table(ws: &crate::support::Workspace, zone: &str, table: &str, sql: &str) {
    let batches = ws.lake.sql(sql).await.unwrap().collect().await.unwrap();
    let target = ws
        .lake
        .table_ref(&format!("{zone}.{table}"), lakeforge_spec::Zone::Bronze)
        .unwrap();
    let options = lakeforge_lake::WriteOptions {
        mode: lakeforge_lake::WriteMode::Overwrite,
        ..Default::default()
    };
    ws.lake
        .write_batches(&target, batches, &options)
        .await
        .unwrap();
}

#[tokio::test]
async fn docs_generate_writes_the_catalog_and_a_site() {
    let ws = workspace("shop");
    assert_eq!(ws.run(DbtCommand::Build, &[]).await.code, 0);
    let out = ws.run(DbtCommand::DocsGenerate, &[]).await;
    assert_eq!(out.code, 0, "{}", out.output);
    let catalog: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(ws.project.join("target/catalog.json")).unwrap(),
    )
    .unwrap();
    let customers = &catalog["nodes"]["model.shop.customers"];
    assert_eq!(customers["metadata"]["schema"], "gold");
    assert_eq!(customers["columns"]["full_name"]["type"], "text");
    assert_eq!(
        catalog["nodes"]["model.shop.stg_orders"]["metadata"]["type"],
        "VIEW"
    );
    let site = std::fs::read_to_string(ws.project.join("target/index.html")).unwrap();
    assert!(site.contains("Customers with their orders and payments."));
    let (store, folder) = ws
        .lake
        .root()
        .location(crate::support::DATABASE, lakeforge_spec::Location::Datadocs);
    let stored = object_store::ObjectStoreExt::get(&*store, &folder.join("dbt").join("index.html"))
        .await
        .unwrap();
    assert_eq!(stored.bytes().await.unwrap().len(), site.len());
}

#[tokio::test]
async fn timestamp_snapshots_and_hard_deletes() {
    let ws = workspace("shop");
    ws.write(
        "snapshots/orders_snapshot.sql",
        "{% snapshot orders_snapshot %}\n{{ config(target_schema='silver', unique_key='order_id', strategy='timestamp', updated_at='updated_at', invalidate_hard_deletes=True) }}\nselect order_id, status, cast(order_date as timestamp) as updated_at from {{ ref('stg_orders') }}\n{% endsnapshot %}\n",
    );
    assert_eq!(ws.run(DbtCommand::Build, &[]).await.code, 0);
    let seed = std::fs::read_to_string(ws.project.join("seeds/raw_orders.csv")).unwrap();
    // 108 moves on (a later updated_at), 109 is deleted at the source.
    let changed = seed
        .replace(
            "108,1,2026-04-09,shipped,12.00",
            "108,1,2026-04-10,completed,12.00",
        )
        .replace("109,5,2026-04-11,returned,55.55\n", "");
    ws.write("seeds/raw_orders.csv", &changed);
    assert_eq!(ws.run(DbtCommand::Seed, &[]).await.code, 0);
    let out = ws.run(DbtCommand::Snapshot, &["orders_snapshot"]).await;
    assert_eq!(out.code, 0, "{}", out.output);
    let history = ws
        .rows("select status, cast(dbt_valid_from as date) as valid_from, cast(dbt_valid_to as date) as valid_to from silver.orders_snapshot where order_id = 108 order by valid_from")
        .await;
    assert_eq!(
        history,
        [
            ["shipped", "2026-04-09", "2026-04-10"],
            ["completed", "2026-04-10", "NULL"]
        ]
    );
    let deleted = ws.rows("select count(*) from silver.orders_snapshot where order_id = 109 and dbt_valid_to is not null").await;
    assert_eq!(deleted, [["1"]]);
}

#[tokio::test]
async fn hooks_where_limit_and_fail_fast() {
    let ws = workspace("shop");
    let project = std::fs::read_to_string(ws.project.join("dbt_project.yml")).unwrap();
    ws.write(
        "dbt_project.yml",
        &format!("{project}on-run-start: [\"select 1\"]\non-run-end: [\"select count(*) from {{{{ target.database }}}}.gold.customers\"]\n"),
    );
    ws.write(
        "models/where.yml",
        "version: 2\nmodels:\n  - name: monthly_revenue\n    columns:\n      - name: half_orders\n        tests:\n          - is_positive:\n              config:\n                where: \"status = 'completed'\"\n          - is_positive:\n              name: capped_half_orders\n              config:\n                limit: 2\n                severity: warn\n",
    );
    let out = ws.run(DbtCommand::Build, &[]).await;
    assert_eq!(out.code, 0, "{}", out.output);
    assert!(
        out.output
            .contains("PASS is_positive_monthly_revenue_half_orders"),
        "{}",
        out.output
    );
    assert!(
        out.output.contains("WARN 2 capped_half_orders"),
        "{}",
        out.output
    );
    // --fail-fast: the first failure skips everything not yet started.
    ws.write("tests/always_fails.sql", "select 1 as x\n");
    let mut args = ws.args(DbtCommand::Build);
    args.fail_fast = true;
    args.threads = Some(1);
    let out = ws.dbt(args).await;
    assert_eq!(out.code, 1, "{}", out.output);
    assert!(out.output.contains("SKIP"), "{}", out.output);
}
