//! dbt's selection syntax, through `ls`.

use lakeforge_transform::DbtCommand;

use crate::support::{Workspace, workspace};

async fn names(ws: &Workspace, select: &[&str], exclude: &[&str]) -> Vec<String> {
    let mut args = ws.args(DbtCommand::Ls);
    args.select = select.iter().map(|s| s.to_string()).collect();
    args.exclude = exclude.iter().map(|s| s.to_string()).collect();
    args.output = Some("name".into());
    args.resource_types = vec!["model".into(), "seed".into(), "snapshot".into()];
    let out = ws.dbt(args).await;
    assert_eq!(out.code, 0, "{}", out.output);
    let mut names: Vec<String> = out.output.lines().map(str::to_string).collect();
    names.sort();
    names
}

#[tokio::test]
async fn graph_operators_methods_and_set_operations() {
    let ws = workspace("shop");
    assert_eq!(
        names(&ws, &["stg_orders+1"], &[]).await,
        ["customers", "monthly_revenue", "orders", "stg_orders"]
    );
    assert_eq!(
        names(&ws, &["1+stg_orders"], &[]).await,
        ["raw_orders", "stg_orders"]
    );
    assert_eq!(
        names(&ws, &["orders+"], &[]).await,
        ["order_status_counts", "orders"]
    );
    assert_eq!(
        names(&ws, &["@stg_payments"], &[]).await,
        [
            "customers",
            "raw_customers",
            "raw_orders",
            "raw_payments",
            "stg_customers",
            "stg_orders",
            "stg_payments"
        ]
    );
    assert_eq!(
        names(&ws, &["tag:staging"], &[]).await,
        ["stg_customers", "stg_orders", "stg_payments"]
    );
    assert_eq!(
        names(&ws, &["path:models/marts"], &["orders"]).await,
        ["customers", "monthly_revenue", "order_status_counts"]
    );
    assert_eq!(
        names(&ws, &["config.materialized:view"], &[]).await,
        ["order_status_counts", "stg_customers", "stg_orders"]
    );
    assert_eq!(
        names(&ws, &["tag:staging,config.materialized:ephemeral"], &[]).await,
        ["stg_payments"]
    );
    assert_eq!(
        names(&ws, &["staging", "resource_type:seed"], &["raw_payments"]).await,
        [
            "raw_customers",
            "raw_orders",
            "stg_customers",
            "stg_orders",
            "stg_payments"
        ]
    );
}

#[tokio::test]
async fn tests_of_selected_models_come_along_and_test_type_selects() {
    let ws = workspace("shop");
    let mut args = ws.args(DbtCommand::Ls);
    args.select = vec!["customers".into()];
    args.resource_types = vec!["test".into()];
    args.output = Some("name".into());
    let out = ws.dbt(args.clone()).await;
    let mut tests: Vec<&str> = out.output.lines().collect();
    tests.sort();
    assert_eq!(
        tests,
        [
            "assert_paid_matches_orders",
            "is_positive_customers_order_count",
            "not_null_customers_customer_id",
            "unique_customers_customer_id"
        ]
    );
    args.select = vec!["test_type:singular".into()];
    let out = ws.dbt(args).await;
    assert_eq!(out.output.trim(), "assert_paid_matches_orders");
}

#[tokio::test]
async fn state_modified_and_selectors() {
    let ws = workspace("shop");
    assert_eq!(ws.run(DbtCommand::Parse, &[]).await.code, 0);
    let state = ws.project.join("prod-state");
    std::fs::create_dir_all(&state).unwrap();
    std::fs::copy(
        ws.project.join("target/manifest.json"),
        state.join("manifest.json"),
    )
    .unwrap();
    let model =
        std::fs::read_to_string(ws.project.join("models/marts/monthly_revenue.sql")).unwrap();
    ws.write(
        "models/marts/monthly_revenue.sql",
        &format!("{model}\n-- changed\n"),
    );
    let mut args = ws.args(DbtCommand::Ls);
    args.select = vec!["state:modified+".into()];
    args.state = Some(state);
    args.output = Some("name".into());
    args.resource_types = vec!["model".into()];
    assert_eq!(ws.dbt(args).await.output.trim(), "monthly_revenue");
    ws.write("selectors.yml", "selectors:\n  - name: marts_but_orders\n    definition:\n      union:\n        - method: path\n          value: models/marts\n        - exclude:\n            - method: fqn\n              value: orders\n");
    let mut args = ws.args(DbtCommand::Ls);
    args.selector = Some("marts_but_orders".into());
    args.output = Some("name".into());
    args.resource_types = vec!["model".into()];
    let out = ws.dbt(args).await;
    let mut names: Vec<&str> = out.output.lines().collect();
    names.sort();
    assert_eq!(
        names,
        ["customers", "monthly_revenue", "order_status_counts"]
    );
}
