//! Jinja and packages: a local package (written here) used the way dbt packages such as
//! dbt_utils use dbt — `adapter.dispatch`, package namespaces, mutable lists and dicts,
//! `run_query`, `statement` + `load_result`, `get_columns_in_relation`, test macros that
//! configure themselves, `var`, `env_var`, `target`, `this` and hooks.

use lakeforge_transform::DbtCommand;

use crate::support::workspace;

fn with_helpers(ws: &crate::support::Workspace) {
    let projects = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/projects");
    ws.write(
        "packages.yml",
        &format!(
            "packages:\n  - local: {}\n",
            projects.join("helpers").display()
        ),
    );
    for file in ["models/jinja_features.sql", "models/extras.yml"] {
        ws.write(
            file,
            &std::fs::read_to_string(projects.join("shop_extras").join(file)).unwrap(),
        );
    }
}

#[tokio::test]
async fn a_local_package_and_dbts_jinja_context_work_together() {
    let ws = workspace("shop");
    with_helpers(&ws);
    let mut args = ws.args(DbtCommand::Build);
    args.select = vec!["+jinja_features".into()];
    args.vars = Some("{factor: 3}".into());
    args.exclude = vec!["test_name:relationships".into()];
    let out = ws.dbt(args).await;
    assert_eq!(out.code, 0, "{}", out.output);
    let rows = ws
        .rows("select order_id, scaled, is_completed, is_returned, orders_in_total, greeting, built_where, days_since_march, not_a_number, labelled, by_name from silver.jinja_features order by order_id limit 3")
        .await;
    assert_eq!(
        rows[0],
        [
            "100",
            "361.50",
            "1",
            "0",
            "10",
            "hello",
            "dev/silver/jinja_features",
            "0",
            "NULL",
            "x!",
            "10"
        ]
    );
    assert_eq!(rows[2][3], "1", "order 102 was returned");
    assert_eq!(rows[1][7], "3");
    // Only the columns the package kept, plus the computed ones.
    let columns = ws.rows("select column_name from information_schema.columns where table_schema = 'silver' and table_name = 'jinja_features' order by ordinal_position").await;
    let names: Vec<&str> = columns.iter().map(|r| r[0].as_str()).collect();
    assert!(
        names.starts_with(&["order_id", "customer_id", "status", "scaled"]),
        "{names:?}"
    );
    // The test macro's own fail_calc: the excess over the limit (3 × 971.14 − 2000), a warning.
    assert!(
        out.output
            .contains("WARN 913 helpers_total_at_most_jinja_features_scaled__2000"),
        "{}",
        out.output
    );
}
