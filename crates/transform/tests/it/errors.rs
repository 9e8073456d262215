//! Bad input: positioned errors with a fix, dbt's exit codes, and nothing half-written.

use lakeforge_transform::DbtCommand;

use crate::support::workspace;

#[tokio::test]
async fn a_missing_ref_names_the_file_line_and_the_closest_model() {
    let ws = workspace("shop");
    ws.write(
        "models/marts/broken.sql",
        "select 1 as x\nfrom {{ ref('stg_order') }}\n",
    );
    let out = ws.run(DbtCommand::Build, &[]).await;
    assert_eq!(out.code, 2, "{}", out.output);
    assert!(
        out.output.contains("models/marts/broken.sql:2"),
        "{}",
        out.output
    );
    assert!(
        out.output.contains("did you mean `stg_orders`?"),
        "{}",
        out.output
    );
}

#[tokio::test]
async fn a_cycle_is_a_compile_error_naming_it() {
    let ws = workspace("shop");
    ws.write("models/a.sql", "select * from {{ ref('b') }}\n");
    ws.write("models/b.sql", "select * from {{ ref('a') }}\n");
    let out = ws.run(DbtCommand::Run, &[]).await;
    assert_eq!(out.code, 2, "{}", out.output);
    assert!(
        out.output
            .contains("Found a cycle: model.shop.a --> model.shop.b --> model.shop.a")
            || out
                .output
                .contains("Found a cycle: model.shop.b --> model.shop.a --> model.shop.b"),
        "{}",
        out.output
    );
}

#[tokio::test]
async fn jinja_and_yaml_errors_name_the_file_and_line() {
    let ws = workspace("shop");
    ws.write("models/bad_jinja.sql", "select 1\n{% if %}\n");
    let out = ws.run(DbtCommand::Parse, &[]).await;
    assert_eq!(out.code, 2, "{}", out.output);
    assert!(out.output.contains("bad_jinja.sql:2"), "{}", out.output);
    std::fs::remove_file(ws.project.join("models/bad_jinja.sql")).unwrap();
    ws.write(
        "models/bad.yml",
        "version: 2\nmodels:\n  - name: x\n   columns: []\n",
    );
    let out = ws.run(DbtCommand::Parse, &[]).await;
    assert_eq!(out.code, 2, "{}", out.output);
    assert!(out.output.contains("models/bad.yml:4:"), "{}", out.output);
}

#[tokio::test]
async fn a_failing_model_leaves_the_previous_table_current() {
    let ws = workspace("shop");
    assert_eq!(ws.run(DbtCommand::Build, &[]).await.code, 0);
    let version = ws
        .lake
        .tables()
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.table == "customers")
        .unwrap()
        .version;
    ws.write(
        "models/marts/customers.sql",
        "select customer_id, no_such_column from {{ ref('stg_customers') }}\n",
    );
    let out = ws.run(DbtCommand::Run, &["customers"]).await;
    assert_eq!(out.code, 1, "{}", out.output);
    assert!(
        out.output
            .contains("ERROR creating sql table model gold.customers"),
        "{}",
        out.output
    );
    assert!(out.output.contains("no_such_column"), "{}", out.output);
    assert!(out.output.contains("compiled code at"), "{}", out.output);
    let after = ws
        .lake
        .tables()
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.table == "customers")
        .unwrap()
        .version;
    assert_eq!(after, version);
    assert_eq!(
        ws.rows("select count(*) from gold.customers").await,
        [["6"]]
    );
}

#[tokio::test]
async fn a_schema_that_is_no_zone_is_refused_with_the_fix() {
    let ws = workspace("shop");
    ws.write("macros/cents_to_dollars.sql", "{% macro cents_to_dollars(column_name, scale=2) -%}\n cast({{ column_name }} as numeric(16, {{ scale }})) / 100\n{%- endmacro %}\n");
    let out = ws.run(DbtCommand::Parse, &[]).await;
    assert_eq!(out.code, 2, "{}", out.output);
    assert!(
        out.output
            .contains("schema `silver_gold`, which is not a zone"),
        "{}",
        out.output
    );
}

#[tokio::test]
async fn profiles_name_their_problems() {
    let ws = workspace("shop");
    let mut args = ws.args(DbtCommand::Parse);
    args.target = Some("other".into());
    let out = ws.dbt(args).await;
    assert_eq!(out.code, 2);
    assert!(out.output.contains("has type `postgres`"), "{}", out.output);
    let mut args = ws.args(DbtCommand::Parse);
    args.target = Some("prod".into());
    let out = ws.dbt(args).await;
    assert!(
        out.output
            .contains("has no output `prod`; outputs: dev, other"),
        "{}",
        out.output
    );
}

#[tokio::test]
async fn an_empty_selection_does_nothing_and_succeeds() {
    let ws = workspace("shop");
    let out = ws.run(DbtCommand::Run, &["no_such_model"]).await;
    assert_eq!(out.code, 0, "{}", out.output);
    assert!(out.output.contains("Nothing to do."), "{}", out.output);
}
