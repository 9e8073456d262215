//! Lineage from the command line: runs recorded by `load` and `ingest`, FAIL with the error,
//! a killed run left at START without harm, an unreachable endpoint costing bounded time, and
//! `lakeforge lineage` reading it back.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::{fails, lakeforge, lineage_events as events, ok};

fn of_job<'a>(events: &'a [Value], job: &str) -> Vec<&'a Value> {
    events.iter().filter(|e| e["job"]["name"] == job).collect()
}

/// A retail project `shop` in `dir` whose stream and database the simulator filled for a day.
fn simulated_shop(dir: &Path, customers: &str, seed: &str) -> std::path::PathBuf {
    ok(dir, &["init", "shop"]);
    let shop = dir.join("shop");
    ok(
        &shop,
        &[
            "simulate",
            "--customers",
            customers,
            "--days",
            "1",
            "--seed",
            seed,
        ],
    );
    shop
}

fn minimal_project(dir: &Path) -> std::path::PathBuf {
    ok(dir, &["init", "mine", "--template", "minimal"]);
    dir.join("mine")
}

#[test]
fn load_records_its_run_and_a_failing_load_records_fail_with_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let project = minimal_project(dir.path());
    std::fs::write(
        project.join("orders.csv"),
        "order_id,amount\n1,9.5\n2,3.25\n",
    )
    .unwrap();
    ok(
        &project,
        &["load", "orders.csv", "--table", "bronze.orders"],
    );
    let all = events(&project);
    let job = "load.core.bronze.orders";
    let run = of_job(&all, job);
    let states: Vec<&str> = run
        .iter()
        .map(|e| e["eventType"].as_str().unwrap())
        .collect();
    assert_eq!(states, ["START", "COMPLETE"], "{all:#?}");
    let complete = run[1];
    assert_eq!(complete["run"]["runId"], run[0]["run"]["runId"]);
    let source = std::path::absolute(project.join("orders.csv")).unwrap();
    assert_eq!(complete["inputs"][0]["namespace"], "file");
    assert_eq!(complete["inputs"][0]["name"], source.display().to_string());
    let output = &complete["outputs"][0];
    assert_eq!(output["namespace"], "file");
    assert!(
        output["name"]
            .as_str()
            .unwrap()
            .ends_with("/core-bronze/orders"),
        "{output}"
    );
    assert_eq!(
        output["facets"]["symlinks"]["identifiers"][0]["name"],
        "core.bronze.orders"
    );
    let statistics = &output["outputFacets"]["outputStatistics"];
    assert_eq!(statistics["rowCount"], 2);
    assert!(
        statistics["fileCount"].as_u64().unwrap() >= 1,
        "{statistics}"
    );
    assert!(statistics["size"].as_u64().unwrap() > 0, "{statistics}");
    let amount = &output["facets"]["columnLineage"]["fields"]["amount"]["inputFields"][0];
    assert_eq!(amount["field"], "amount");
    assert_eq!(amount["transformations"][0]["subtype"], "IDENTITY");

    // A file that does not parse: the load fails, and its run ends in FAIL with the reason.
    std::fs::write(project.join("bad.parquet"), "not parquet at all").unwrap();
    let error = fails(&project, &["load", "bad.parquet", "--table", "bronze.bad"]);
    let all = events(&project);
    let failed = of_job(&all, "load.core.bronze.bad");
    assert_eq!(failed.len(), 2);
    assert_eq!(failed[1]["eventType"], "FAIL");
    let message = failed[1]["run"]["facets"]["errorMessage"]["message"]
        .as_str()
        .unwrap();
    assert!(
        !message.is_empty() && error.contains(message.lines().next().unwrap()),
        "{message} / {error}"
    );

    // Read back: the table's upstream is the file, through the load job.
    let graph: Value = serde_json::from_str(&ok(
        &project,
        &["lineage", "bronze.orders", "--upstream", "--format", "json"],
    ))
    .unwrap();
    let nodes = graph["nodes"].as_array().unwrap();
    assert!(
        nodes.iter().any(|n| n["id"] == format!("job:core/{job}")),
        "{graph:#}"
    );
    assert!(
        nodes
            .iter()
            .any(|n| n["id"] == format!("dataset:file/{}", source.display())),
        "{graph:#}"
    );
    let column = ok(&project, &["lineage", "bronze.orders.amount", "--upstream"]);
    assert!(
        column.contains("orders.csv.amount") && column.contains("DIRECT/IDENTITY"),
        "{column}"
    );
    let runs: Value = serde_json::from_str(&ok(
        &project,
        &["lineage", "runs", "--job", "load.core", "--format", "json"],
    ))
    .unwrap();
    let states: Vec<&str> = runs
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["state"].as_str().unwrap())
        .collect();
    assert_eq!(states, ["FAIL", "COMPLETE"], "{runs:#}");
    assert_eq!(runs[1]["rows"], 2);
    let unknown = fails(&project, &["lineage", "bronze.nope"]);
    assert!(unknown.contains("nope"), "{unknown}");
}

#[test]
fn a_killed_streaming_run_stays_started_and_the_next_run_is_unaffected() {
    let dir = tempfile::tempdir().unwrap();
    let shop = simulated_shop(dir.path(), "20", "5");
    // A --follow run, killed without warning once it has reported its start.
    let mut child = Command::new(env!("CARGO_BIN_EXE_lakeforge"))
        .arg("-C")
        .arg(&shop)
        .args(["ingest", "streaming", "c360-clickstream", "--follow"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let job = "ingest.streaming.c360-clickstream";
    let began = Instant::now();
    while !shop.join(".lakeforge/lineage").is_dir() || of_job(&events(&shop), job).is_empty() {
        assert!(
            began.elapsed() < Duration::from_secs(60),
            "no START within 60 s"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let killed_run = of_job(&events(&shop), job)[0]["run"]["runId"].clone();

    ok(&shop, &["ingest", "streaming", "c360-clickstream"]);
    let all = events(&shop);
    let runs: Vec<&Value> = of_job(&all, job);
    let next: Vec<&&Value> = runs
        .iter()
        .filter(|e| e["run"]["runId"] != killed_run)
        .collect();
    assert_eq!(next.first().unwrap()["eventType"], "START");
    assert_eq!(next.last().unwrap()["eventType"], "COMPLETE");
    let listed: Value = serde_json::from_str(&ok(
        &shop,
        &["lineage", "runs", "--job", job, "--format", "json"],
    ))
    .unwrap();
    let by_run = |id: &Value| {
        listed
            .as_array()
            .unwrap()
            .iter()
            .find(|r| &r["run_id"] == id)
            .unwrap()["state"]
            .clone()
    };
    assert!(
        matches!(by_run(&killed_run).as_str(), Some("STARTED" | "RUNNING")),
        "{listed:#}"
    );
    assert_eq!(by_run(&next[0]["run"]["runId"]), "COMPLETE");
}

#[test]
fn an_unreachable_endpoint_keeps_events_on_disk_and_costs_bounded_time() {
    let dir = tempfile::tempdir().unwrap();
    let project = minimal_project(dir.path());
    std::fs::write(project.join("t.csv"), "a\n1\n").unwrap();
    // A port nobody listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let began = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_lakeforge"))
        .arg("-C")
        .arg(&project)
        .args(["load", "t.csv", "--table", "bronze.t"])
        .env("OPENLINEAGE_URL", format!("http://127.0.0.1:{port}"))
        .env("LAKEFORGE_LINEAGE_CLOSE_TIMEOUT_MS", "500")
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert!(
        began.elapsed() < Duration::from_secs(20),
        "took {:?}",
        began.elapsed()
    );
    let outbox = std::fs::read_dir(project.join(".lakeforge/lineage/outbox"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let pending = std::fs::read_to_string(outbox.join("pending.jsonl")).unwrap();
    assert_eq!(
        pending.lines().count(),
        2,
        "START and COMPLETE wait to be sent"
    );
    // Disabled: nothing at all is recorded.
    let disabled = Command::new(env!("CARGO_BIN_EXE_lakeforge"))
        .arg("-C")
        .arg(&project)
        .args(["load", "t.csv", "--table", "bronze.u"])
        .env("OPENLINEAGE_DISABLED", "true")
        .output()
        .unwrap();
    assert!(disabled.status.success());
    assert!(of_job(&events(&project), "load.core.bronze.u").is_empty());
    // --lineage console prints the events on stderr as well.
    let console = lakeforge(
        &project,
        &[
            "--lineage",
            "console",
            "load",
            "t.csv",
            "--table",
            "bronze.v",
        ],
    );
    let stderr = String::from_utf8_lossy(&console.stderr);
    assert_eq!(
        stderr
            .lines()
            .filter(|line| line.contains("\"load.core.bronze.v\""))
            .count(),
        2,
        "{stderr}"
    );
    // The spec's `openlineage_url` works the same: a second outbox for that endpoint.
    let spec = project.join("lakeforge.toml");
    let text = std::fs::read_to_string(&spec).unwrap();
    std::fs::write(
        &spec,
        text.replace(
            "[projects.core]\n",
            &format!("[projects.core]\nopenlineage_url = \"http://localhost:{port}/\"\n"),
        ),
    )
    .unwrap();
    let from_spec = Command::new(env!("CARGO_BIN_EXE_lakeforge"))
        .arg("-C")
        .arg(&project)
        .args(["load", "t.csv", "--table", "bronze.w"])
        .env("LAKEFORGE_LINEAGE_CLOSE_TIMEOUT_MS", "500")
        .output()
        .unwrap();
    assert!(from_spec.status.success(), "{from_spec:?}");
    let spec_outbox = project.join(format!(
        ".lakeforge/lineage/outbox/http___localhost_{port}_api_v1_lineage/pending.jsonl"
    ));
    assert_eq!(
        std::fs::read_to_string(spec_outbox)
            .unwrap()
            .lines()
            .count(),
        2
    );
}

#[test]
fn a_failing_streaming_delivery_records_fail_with_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let shop = simulated_shop(dir.path(), "10", "9");
    // The destination table's folder is a file: the delivery cannot write.
    let zone = shop.join("lake/retail-bronze");
    std::fs::create_dir_all(&zone).unwrap();
    std::fs::write(zone.join("clickstream"), "not a folder").unwrap();
    let error = fails(&shop, &["ingest", "streaming", "c360-clickstream"]);
    let all = events(&shop);
    let run = of_job(&all, "ingest.streaming.c360-clickstream");
    let states: Vec<&str> = run
        .iter()
        .map(|e| e["eventType"].as_str().unwrap())
        .collect();
    assert_eq!(states, ["START", "FAIL"], "{error}");
    let message = run[1]["run"]["facets"]["errorMessage"]["message"]
        .as_str()
        .unwrap();
    assert!(
        !message.is_empty() && error.contains(message),
        "{message} / {error}"
    );
}
