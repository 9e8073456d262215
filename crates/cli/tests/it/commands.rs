//! init, validate, load, tables, query, demo and --help.

use crate::support::{fails, lakeforge, ok};

#[test]
fn init_scaffolds_projects_that_validate_at_once() {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["init", "shop", "--template", "retail"]);
    let shop = dir.path().join("shop");
    for file in [
        "lakeforge.toml",
        "README.md",
        ".gitignore",
        "post_deploy/retail-redshift/index.py",
    ] {
        assert!(shop.join(file).exists(), "{file} missing");
    }
    let listing = ok(&shop, &["validate", "--format", "json"]);
    let constructs: serde_json::Value = serde_json::from_str(&listing).unwrap();
    let ids: Vec<&str> = constructs
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    for id in [
        "core",
        "retail",
        "c360-clickstream",
        "retail-sales-support",
        "retail-redshift",
    ] {
        assert!(ids.contains(&id), "{id} not in {ids:?}");
    }

    ok(dir.path(), &["init", "tiny", "--template", "minimal"]);
    assert!(ok(&dir.path().join("tiny"), &["validate"]).contains("is valid"));

    let error = fails(dir.path(), &["init", "shop"]);
    assert!(
        error.contains("already exists") && error.contains("--force"),
        "{error}"
    );
}

#[test]
fn a_bad_spec_names_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("lakeforge.toml"),
        "[projects.core]\nhas_emrr = true\n",
    )
    .unwrap();
    let error = fails(dir.path(), &["validate"]);
    assert!(error.contains("lakeforge.toml:2:1"), "{error}");
    assert!(error.contains("has_emr"), "{error}");
}

#[test]
fn commands_outside_a_project_say_how_to_start_one() {
    let dir = tempfile::tempdir().unwrap();
    let error = fails(dir.path(), &["tables"]);
    assert!(error.contains("lakeforge init"), "{error}");
}

#[test]
fn load_tables_and_query_work_together_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["init", "--template", "minimal"]);
    let csv = dir.path().join("orders.csv");
    std::fs::write(
        &csv,
        "id,status,amount\n1,paid,10.5\n2,open,3\n3,paid,1.5\n",
    )
    .unwrap();
    let out = ok(
        dir.path(),
        &["load", csv.to_str().unwrap(), "--table", "bronze.orders"],
    );
    assert!(out.contains("loaded 3 rows"), "{out}");
    let jsonl = dir.path().join("more.data");
    std::fs::write(
        &jsonl,
        "{\"id\": 4, \"status\": \"paid\", \"amount\": 2.0, \"coupon\": \"X\"}\n",
    )
    .unwrap();
    ok(
        dir.path(),
        &[
            "load",
            jsonl.to_str().unwrap(),
            "--table",
            "bronze.orders",
            "--input-format",
            "json",
        ],
    );

    let tables: serde_json::Value =
        serde_json::from_str(&ok(dir.path(), &["tables", "--format", "json"])).unwrap();
    assert_eq!(tables[0]["table"], "orders");
    assert_eq!(tables[0]["rows"], 4);
    assert_eq!(tables[0]["version"], 1);
    assert!(ok(dir.path(), &["tables"]).contains("orders"));

    let sql = "SELECT status, sum(amount) AS total, count(coupon) AS coupons FROM orders GROUP BY status ORDER BY status";
    assert_eq!(
        ok(dir.path(), &["query", sql, "--format", "csv"]),
        "status,total,coupons\nopen,3.0,0\npaid,14.0,1\n"
    );
    let json: serde_json::Value =
        serde_json::from_str(&ok(dir.path(), &["query", sql, "--format", "json"])).unwrap();
    assert_eq!(json[1]["total"], 14.0);
    assert!(ok(dir.path(), &["query", sql]).contains("| paid"));
    let old = ok(
        dir.path(),
        &[
            "query",
            "SELECT count(*) AS n FROM orders VERSION AS OF 0",
            "--format",
            "csv",
        ],
    );
    assert_eq!(old, "n\n3\n");
}

#[test]
fn bad_queries_exit_1_with_the_known_tables() {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["init", "--template", "minimal"]);
    let csv = dir.path().join("t.csv");
    std::fs::write(&csv, "a\n1\n").unwrap();
    ok(
        dir.path(),
        &["load", csv.to_str().unwrap(), "--table", "silver.things"],
    );
    let error = fails(dir.path(), &["query", "SELECT * FROM nothing_here"]);
    assert!(error.contains("nothing_here"), "{error}");
    assert!(
        error.contains("known tables:") && error.contains(".silver.things"),
        "{error}"
    );
    let error = fails(dir.path(), &["query", "SELEC 1"]);
    assert!(error.to_lowercase().contains("sql"), "{error}");
}

#[test]
fn bad_load_input_is_reported_and_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["init", "--template", "minimal"]);
    let unknown = dir.path().join("data.xlsx");
    std::fs::write(&unknown, "x").unwrap();
    let error = fails(
        dir.path(),
        &["load", unknown.to_str().unwrap(), "--table", "t"],
    );
    assert!(
        error.contains("data.xlsx") && error.contains("csv, json"),
        "{error}"
    );
    let error = fails(dir.path(), &["load", "missing.csv", "--table", "t"]);
    assert!(error.contains("missing.csv"), "{error}");
    let error = fails(
        dir.path(),
        &["load", unknown.to_str().unwrap(), "--table", "Bad-Name"],
    );
    assert!(error.contains("lowercase"), "{error}");
}

#[test]
fn demo_runs_the_main_job_and_reruns_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    for _ in 0..2 {
        let out = ok(dir.path(), &["demo", "shop", "--orders", "200"]);
        assert!(
            out.contains("loaded 200 rows into retail.bronze.orders"),
            "{out}"
        );
        assert!(out.contains("| 211        | 200           |"), "{out}");
    }
    let quiet = ok(dir.path(), &["--quiet", "demo", "shop", "--orders", "200"]);
    assert!(!quiet.contains("loaded"), "{quiet}");
}

#[test]
fn every_subcommand_has_help_with_an_example() {
    let dir = tempfile::tempdir().unwrap();
    for command in ["init", "validate", "load", "tables", "query", "demo"] {
        let output = lakeforge(dir.path(), &[command, "--help"]);
        let help = String::from_utf8(output.stdout).unwrap();
        assert!(output.status.success(), "{command}");
        assert!(
            help.contains("Example"),
            "{command} --help has no example:\n{help}"
        );
        assert!(
            help.contains(&format!("lakeforge {command}")) || help.contains("lakeforge -C"),
            "{command}"
        );
    }
}
