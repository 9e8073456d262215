//! init, validate, load, tables, query, demo and --help.

use crate::support::{fails, lakeforge, mini_dbt_project, ok};

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
    let empty = ok(
        dir.path(),
        &[
            "query",
            "SELECT status, amount FROM orders WHERE false",
            "--format",
            "csv",
        ],
    );
    assert_eq!(
        empty, "status,amount\n",
        "an empty result still has its header"
    );
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
        let out = ok(
            dir.path(),
            &["demo", "shop", "--customers", "60", "--days", "3"],
        );
        assert!(out.contains("simulated 3 days"), "{out}");
        assert!(
            out.contains("clickstream events into retail.bronze.clickstream"),
            "{out}"
        );
        assert!(
            out.contains("Conversion by platform") && out.contains("| web"),
            "{out}"
        );
        assert!(out.contains("What is in the lake"), "{out}");
        assert!(out.contains("merged into 7 silver tables"), "{out}");
        assert!(out.contains("Revenue by category"), "{out}");
        assert!(
            out.contains("OK created sql table model gold.customer_360"),
            "{out}"
        );
        assert!(
            out.contains("built the dbt project's models into gold"),
            "{out}"
        );
        assert!(out.contains("Top customers by revenue"), "{out}");
    }
    let tables: serde_json::Value = serde_json::from_str(&ok(
        &dir.path().join("shop"),
        &["tables", "--format", "json"],
    ))
    .unwrap();
    let names: Vec<String> = tables
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            format!(
                "{}.{}",
                t["zone"].as_str().unwrap(),
                t["table"].as_str().unwrap()
            )
        })
        .collect();
    for table in ["bronze.clickstream", "silver.c360raw__c360_order_items"] {
        assert!(names.iter().any(|n| n == table), "{table} in {names:?}");
    }
    let quiet = ok(
        dir.path(),
        &[
            "--quiet",
            "demo",
            "shop",
            "--customers",
            "60",
            "--days",
            "3",
        ],
    );
    assert!(
        !quiet.contains("simulated") && !quiet.contains("START"),
        "{quiet}"
    );

    ok(dir.path(), &["init", "mine", "--template", "minimal"]);
    let error = fails(dir.path(), &["demo", "mine"]);
    assert!(error.contains("did not create"), "{error}");
}

#[test]
fn simulate_stream_and_ingest_work_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["init", "shop"]);
    let shop = dir.path().join("shop");
    let out = ok(
        &shop,
        &[
            "simulate",
            "--customers",
            "40",
            "--days",
            "2",
            "--seed",
            "3",
            "--out",
            "files",
        ],
    );
    assert!(out.contains("events"), "{out}");
    assert!(shop.join(".lakeforge/retail.db").exists());
    assert!(shop.join("files").is_dir());
    let error = fails(&shop, &["simulate", "--customers", "0"]);
    assert!(error.contains("customers"), "{error}");

    let events = shop.join("more.jsonl");
    std::fs::write(&events, "{\"event_id\": 1}\nnot json\n").unwrap();
    assert!(
        ok(&shop, &["stream", "put", "clickstream", "more.jsonl"]).contains("appended 2 records")
    );
    let tail = ok(
        &shop,
        &[
            "stream",
            "tail",
            "clickstream",
            "--from-start",
            "--count",
            "1",
        ],
    );
    assert_eq!(tail.lines().count(), 1);
    let listing = ok(&shop, &["stream", "ls", "--format", "json"]);
    assert!(listing.contains("\"embedded\""), "{listing}");

    let summary: serde_json::Value = serde_json::from_str(&ok(
        &shop,
        &[
            "ingest",
            "streaming",
            "c360-clickstream",
            "--until-caught-up",
            "--format",
            "json",
        ],
    ))
    .unwrap();
    assert_eq!(summary["rejected"], 1);
    assert!(summary["delivered"].as_u64().unwrap() > 1);
    let again: serde_json::Value = serde_json::from_str(&ok(
        &shop,
        &[
            "ingest",
            "streaming",
            "c360-clickstream",
            "--format",
            "json",
        ],
    ))
    .unwrap();
    assert_eq!(again["records"], 0, "a rerun delivers nothing twice");
    let error = fails(&shop, &["ingest", "streaming", "nope"]);
    assert!(
        error.contains("no [streaming.nope] in the spec; declared: c360-clickstream"),
        "{error}"
    );
    let error = fails(&shop, &["stream", "tail", "nope"]);
    assert!(
        error.contains("no [streams.nope] in the spec; declared: clickstream"),
        "{error}"
    );
    let error = fails(&shop, &["cdc", "status", "nope"]);
    assert!(
        error.contains("no [cdc.nope] in the spec; declared: retail-sales-support"),
        "{error}"
    );
}

#[test]
fn tail_reads_every_shard_of_a_sharded_stream() {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["init", "shop"]);
    let shop = dir.path().join("shop");
    let mut spec = std::fs::read_to_string(shop.join("lakeforge.toml")).unwrap();
    spec.push_str("\n[streams.fanout]\nshard_count = 4\n");
    std::fs::write(shop.join("lakeforge.toml"), spec).unwrap();
    let listing: serde_json::Value =
        serde_json::from_str(&ok(&shop, &["stream", "ls", "--format", "json"])).unwrap();
    assert!(
        listing
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["name"] == "fanout" && s["shards"] == "4"),
        "{listing}"
    );
    std::fs::write(shop.join("one.jsonl"), "{\"n\": 1}\n").unwrap();
    // Twelve keys spread over the four shards (MD5 of the key picks one).
    for key in 0..12 {
        let key = format!("customer-{key}");
        ok(
            &shop,
            &["stream", "put", "fanout", "one.jsonl", "--key", &key],
        );
    }
    let tail = ok(
        &shop,
        &["stream", "tail", "fanout", "--from-start", "--count", "12"],
    );
    assert_eq!(tail.lines().count(), 12, "{tail}");
    let shards = std::fs::read_dir(shop.join(".lakeforge/streams/fanout/shards"))
        .unwrap()
        .count();
    assert_eq!(shards, 4);
}

#[test]
fn cdc_from_the_simulators_sqlite_database_lands_in_silver() {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["init", "shop"]);
    let shop = dir.path().join("shop");
    ok(&shop, &["simulate", "--customers", "30", "--days", "2"]);
    let mut spec = std::fs::read_to_string(shop.join("lakeforge.toml")).unwrap();
    spec.push_str(
        "\n[cdc.oltp]\nsource = { engine = \"sqlite\", url = \"sqlite://.lakeforge/retail.db\" }\ninclude = [\"%.%\"]\ndestination = { project = \"retail\", prefix = \"oltp\" }\n",
    );
    std::fs::write(shop.join("lakeforge.toml"), spec).unwrap();

    let summary: serde_json::Value =
        serde_json::from_str(&ok(&shop, &["ingest", "cdc", "oltp", "--format", "json"])).unwrap();
    assert!(summary["capture"]["full_load_rows"].as_u64().unwrap() > 30);
    let customers = ok(
        &shop,
        &[
            "query",
            "SELECT count(*) AS n FROM silver.main__c360_customer",
            "--format",
            "csv",
        ],
    );
    assert_eq!(customers, "n\n30\n");
    let status: serde_json::Value =
        serde_json::from_str(&ok(&shop, &["cdc", "status", "oltp", "--format", "json"])).unwrap();
    assert_eq!(status["started"], true);
    assert!(fails(&shop, &["ingest", "cdc", "nope"]).contains("oltp"));

    let capture_objects = || {
        let output = std::process::Command::new("python3")
            .arg("-c")
            .arg("import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(\"SELECT count(*) FROM sqlite_master WHERE name LIKE '_lakeforge_%'\").fetchone()[0])")
            .arg(shop.join(".lakeforge/retail.db"))
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap().trim().to_owned()
    };
    assert_ne!(
        capture_objects(),
        "0",
        "triggers and change table installed"
    );
    assert!(ok(&shop, &["cdc", "teardown", "oltp"]).contains("removed"));
    assert_eq!(
        capture_objects(),
        "0",
        "teardown removes triggers and change table"
    );
}

#[test]
fn synth_check_and_nag_gate_the_aws_target() {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["init", "shop"]);
    let shop = dir.path().join("shop");
    assert!(ok(&shop, &["synth"]).contains("wrote 11 stacks"));
    for file in [
        "manifest.json",
        "tree.json",
        "lakeforge-network.template.json",
        "AwsSolutions-lakeforge-network-NagReport.csv",
    ] {
        assert!(shop.join("cdk.out").join(file).exists(), "{file}");
    }
    assert!(ok(&shop, &["check"]).contains("check passed"));
    ok(
        &shop,
        &[
            "synth",
            "--stack",
            "lakeforge-network",
            "--format",
            "yaml",
            "--out",
            "yaml",
        ],
    );
    assert!(shop.join("yaml/lakeforge-network.template.yaml").exists());
    assert!(fails(&shop, &["synth", "--stack", "nope"]).contains("lakeforge-network"));

    ok(
        &shop,
        &[
            "nag",
            "cdk.out",
            "--packs",
            "AwsSolutions,PCI.DSS.321",
            "--out",
            "reports",
            "--format",
            "json",
        ],
    );
    assert!(
        shop.join("reports/PCI.DSS.321-lakeforge-network-NagReport.json")
            .exists()
    );
    let open_bucket = shop.join("open.yaml");
    std::fs::write(
        &open_bucket,
        "Resources:\n  Open:\n    Type: AWS::S3::Bucket\n",
    )
    .unwrap();
    let error = fails(&shop, &["nag", "open.yaml"]);
    assert!(
        error.contains("AwsSolutions-S1") && error.contains("unsuppressed"),
        "{error}"
    );
    assert!(fails(&shop, &["nag", "open.yaml", "--packs", "Nope"]).contains("AwsSolutions"));
}

#[test]
fn every_subcommand_has_help_with_an_example() {
    let dir = tempfile::tempdir().unwrap();
    for command in [
        "init", "validate", "load", "tables", "query", "demo", "synth", "check", "nag", "stream",
        "lineage", "ingest", "simulate", "cdc", "bench", "dbt",
    ] {
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

#[test]
fn dbt_runs_the_spec_project_with_dbt_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["init", "shop"]);
    let shop = dir.path().join("shop");
    assert!(shop.join("dbt/models/marts/customer_360.sql").is_file());
    // A small project of its own, run with --project-dir.
    let project = mini_dbt_project(
        &shop,
        &[(
            "names",
            "{{ config(materialized='table') }}\nselect upper(name) as name from {{ ref('people') }}\n",
        )],
    );
    std::fs::write(
        project.join("models/schema.yml"),
        "version: 2\nmodels:\n  - name: names\n    columns:\n      - name: name\n        tests: [unique]\n",
    )
    .unwrap();
    let out = ok(&shop, &["dbt", "build", "--project-dir", "mini"]);
    assert!(out.contains("Done. PASS=3 WARN=0 ERROR=0 SKIP=0"), "{out}");
    assert_eq!(
        ok(
            &shop,
            &[
                "query",
                "SELECT name FROM retail.gold.names ORDER BY name",
                "--format",
                "csv"
            ]
        ),
        "name\nADA\nGRACE\n"
    );
    // A failing test exits 1; a compile error exits 2; `ls` lists names.
    std::fs::write(project.join("seeds/people.csv"), "id,name\n1,ada\n2,ada\n").unwrap();
    let failed = lakeforge(&shop, &["dbt", "build", "--project-dir", "mini"]);
    assert_eq!(failed.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&failed.stdout).contains("FAIL 1 unique_names_name"));
    std::fs::write(
        project.join("models/broken.sql"),
        "select * from {{ ref('nope') }}\n",
    )
    .unwrap();
    let broken = lakeforge(&shop, &["dbt", "run", "--project-dir", "mini"]);
    assert_eq!(broken.status.code(), Some(2));
    std::fs::remove_file(project.join("models/broken.sql")).unwrap();
    let listed = ok(
        &shop,
        &[
            "dbt",
            "ls",
            "--project-dir",
            "mini",
            "--output",
            "name",
            "-s",
            "+names",
        ],
    );
    assert_eq!(
        listed.lines().collect::<Vec<_>>(),
        ["names", "people", "unique_names_name"]
    );
}
