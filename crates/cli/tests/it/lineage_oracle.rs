//! Our OpenLineage events, checked by the pinned Python oracles of `crates/lineage/tests/oracle`
//! (openlineage-python, openlineage-sql with sqlglot, openlineage-integration-common's dbt
//! processor): the events of a whole demo are valid OpenLineage, the column lineage of every
//! model agrees with openlineage-sql's reading of the SQL we ran, the datasets of every dbt node
//! cover those the dbt integration derives from the same run's artifacts, and a failing model
//! ends in FAIL with its error.
//!
//! The oracle lives in a virtualenv (`LAKEFORGE_LINEAGE_VENV`, default
//! /var/tmp/lakeforge-lineage-venv, installed by `.ci/install-lineage.sh`); without it each test
//! says why and passes, unless `LAKEFORGE_REQUIRE_SERVICES=1`. Each test runs its own demo
//! (about 3 s), so the tests share no files and leave none behind.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{Value, json};

use crate::support::{
    lakeforge, lineage_events, lineage_files, mini_dbt_project, ok, services_required,
};

/// Where `.ci/run` installs the oracle when `LAKEFORGE_LINEAGE_VENV` is not set.
const DEFAULT_VENV: &str = "/var/tmp/lakeforge-lineage-venv";

/// The namespace of the lakeforge names (`project.zone.table`) in our `symlinks` facets.
const LAKEFORGE_NAMESPACE: &str = "lakeforge";

/// The oracle's python, or `None` after saying why it is missing (a panic when oracles are
/// required).
fn oracle_python() -> Option<PathBuf> {
    let venv = std::env::var("LAKEFORGE_LINEAGE_VENV").unwrap_or_else(|_| DEFAULT_VENV.into());
    let python = Path::new(&venv).join("bin/python");
    if python.is_file() {
        return Some(python);
    }
    let reason = format!(
        "no OpenLineage oracle at {venv} (install it with `bash .ci/install-lineage.sh {venv}`)"
    );
    assert!(!services_required(), "required oracle missing: {reason}");
    println!("skipped: {reason}");
    None
}

/// Runs the oracle script `script` with `args`.
fn oracle<A: AsRef<OsStr>>(python: &Path, script: &str, args: &[A]) -> Output {
    let script = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../lineage/tests/oracle")
        .join(script);
    Command::new(python)
        .arg(script)
        .args(args)
        .output()
        .expect("the oracle's python runs")
}

/// Runs the demo shop in `dir`; returns the project folder.
fn demo(dir: &Path) -> PathBuf {
    ok(dir, &["demo", "shop", "--customers", "40", "--days", "2"]);
    dir.join("shop")
}

/// Validates every file of the project's lineage store with `validate_events.py`, asserting
/// that every event is valid; returns how many there are.
fn validate(python: &Path, project: &Path) -> usize {
    let files = lineage_files(project);
    let output = oracle(python, "validate_events.py", &files);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "validate_events.py rejects our events:\n{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines: usize = files
        .iter()
        .map(|file| std::fs::read_to_string(file).unwrap().lines().count())
        .sum();
    assert_eq!(stdout.trim(), format!("{lines} events valid"));
    lines
}

/// The input and output datasets of an event.
fn datasets(event: &Value) -> impl Iterator<Item = &Value> {
    ["inputs", "outputs"]
        .into_iter()
        .flat_map(|side| event[side].as_array().into_iter().flatten())
}

/// A dataset's (or input field's) storage name: namespace and name.
fn storage_name(dataset: &Value) -> (String, String) {
    let part = |key: &str| dataset[key].as_str().unwrap().to_string();
    (part("namespace"), part("name"))
}

/// The lakeforge name of every dataset that carries one in a `symlinks` facet of any event,
/// by storage name.
fn lakeforge_names(events: &[Value]) -> HashMap<(String, String), String> {
    let mut names = HashMap::new();
    for dataset in events.iter().flat_map(datasets) {
        let identifiers = dataset["facets"]["symlinks"]["identifiers"].as_array();
        for identifier in identifiers.into_iter().flatten() {
            if identifier["namespace"] == LAKEFORGE_NAMESPACE {
                let name = identifier["name"].as_str().unwrap().to_string();
                names.insert(storage_name(dataset), name);
            }
        }
    }
    names
}

/// The lakeforge name of a dataset (or input field) named by storage.
fn lakeforge_name<'n>(names: &'n HashMap<(String, String), String>, dataset: &Value) -> &'n str {
    names
        .get(&storage_name(dataset))
        .unwrap_or_else(|| panic!("no event gives a lakeforge name to {dataset}"))
}

/// The events of job `job`, in order.
fn of_job<'e>(events: &'e [Value], job: &str) -> Vec<&'e Value> {
    events.iter().filter(|e| e["job"]["name"] == job).collect()
}

/// The event types of `events`, in order.
fn states<'e>(events: &[&'e Value]) -> Vec<&'e str> {
    events
        .iter()
        .map(|e| e["eventType"].as_str().unwrap())
        .collect()
}

/// The runs of dbt nodes of kind `kind` (`model`, `test`, ...): job name and its events.
fn node_runs<'e>(events: &'e [Value], kind: &str) -> BTreeMap<&'e str, Vec<&'e Value>> {
    let prefix = format!("{kind}.");
    let mut runs: BTreeMap<&str, Vec<&Value>> = BTreeMap::new();
    for event in events {
        let job = event["job"]["name"].as_str().unwrap();
        if job.starts_with(&prefix) {
            runs.entry(job).or_default().push(event);
        }
    }
    runs
}

/// How many nodes of `resource_type` the dbt project's manifest has.
fn manifest_nodes(project: &Path, resource_type: &str) -> usize {
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(project.join("target/manifest.json")).unwrap(),
    )
    .unwrap();
    let nodes = manifest["nodes"].as_object().unwrap();
    nodes
        .values()
        .filter(|node| node["resource_type"] == resource_type)
        .count()
}

#[test]
fn demo_and_dbt_build_events_are_valid_openlineage() {
    let Some(python) = oracle_python() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let shop = demo(dir.path());
    ok(&shop, &["dbt", "build"]);
    std::fs::write(
        shop.join("returns.csv"),
        "order_id,reason\n1,damaged\n2,late\n",
    )
    .unwrap();
    ok(&shop, &["load", "returns.csv", "--table", "bronze.returns"]);
    let validated = validate(&python, &shop);
    println!("validate_events.py: {validated} events valid");

    let events = lineage_events(&shop);
    let streaming = of_job(&events, "ingest.streaming.c360-clickstream");
    assert!(
        streaming.iter().any(|e| e["eventType"] == "RUNNING"
            && datasets(e).any(|d| {
                d["outputFacets"]["outputStatistics"]["rowCount"]
                    .as_u64()
                    .is_some_and(|rows| rows > 0)
            })),
        "no RUNNING event with outputStatistics: {streaming:#?}"
    );
    for job in [
        "ingest.cdc.retail-sales-support.capture",
        "ingest.cdc.retail-sales-support.apply",
        "load.retail.bronze.returns",
    ] {
        assert_eq!(
            states(&of_job(&events, job)),
            ["START", "COMPLETE"],
            "{job}"
        );
    }

    // Two builds: each a parent run, START then COMPLETE.
    let builds = of_job(&events, "dbt.retail.build");
    let run_id = |e: &Value| e["run"]["runId"].as_str().unwrap().to_string();
    let parents: BTreeSet<String> = builds.iter().map(|e| run_id(e)).collect();
    assert_eq!(parents.len(), 2, "{builds:#?}");
    for parent in &parents {
        let run: Vec<&Value> = builds
            .iter()
            .copied()
            .filter(|e| run_id(e) == *parent)
            .collect();
        assert_eq!(states(&run), ["START", "COMPLETE"]);
    }

    // Every node is a child run of one of them, once per build.
    let project = shop.join("dbt");
    let models = node_runs(&events, "model");
    let tests = node_runs(&events, "test");
    assert_eq!(models.len(), manifest_nodes(&project, "model"));
    assert_eq!(tests.len(), manifest_nodes(&project, "test"));
    for (job, run) in models.iter().chain(&tests) {
        assert_eq!(
            states(run).iter().filter(|s| **s == "COMPLETE").count(),
            2,
            "{job}"
        );
        for event in run {
            let parent = &event["run"]["facets"]["parent"];
            assert_eq!(parent["job"]["name"], "dbt.retail.build", "{job}");
            let parent_run = parent["run"]["runId"].as_str().unwrap();
            assert!(parents.contains(parent_run), "{job}: parent {parent_run}");
        }
    }

    // Tests report their verdict on the relation they test.
    for (job, run) in &tests {
        let complete = run.iter().filter(|e| e["eventType"] == "COMPLETE");
        for event in complete {
            let assertions: Vec<&Value> = datasets(event)
                .flat_map(|d| {
                    let quality = &d["inputFacets"]["dataQualityAssertions"]["assertions"];
                    quality.as_array().into_iter().flatten()
                })
                .collect();
            assert!(!assertions.is_empty(), "{job}: {event:#}");
            assert!(assertions.iter().all(|a| a["success"] == true), "{job}");
        }
    }

    // A model's COMPLETE carries the SQL it ran and the column lineage of what it built.
    let customer_360 = of_job(&events, "model.retail.customer_360");
    let complete = customer_360.last().unwrap();
    assert_eq!(complete["eventType"], "COMPLETE");
    let sql = complete["job"]["facets"]["sql"]["query"].as_str().unwrap();
    assert!(
        sql.contains("\"retail\".\"silver\".\"stg_customers\""),
        "{sql}"
    );
    let output = &complete["outputs"][0];
    assert_eq!(
        output["facets"]["symlinks"]["identifiers"][0]["name"],
        "retail.gold.customer_360"
    );
    let fields = output["facets"]["columnLineage"]["fields"]
        .as_object()
        .unwrap();
    assert!(fields.contains_key("revenue"), "{output:#}");
    // What the build wrote: its rows, and the files and bytes of its Delta commit.
    let statistics = &output["outputFacets"]["outputStatistics"];
    assert!(statistics["rowCount"].as_u64().unwrap() > 0, "{statistics}");
    assert!(
        statistics["fileCount"].as_u64().unwrap() >= 1,
        "{statistics}"
    );
    assert!(statistics["size"].as_u64().unwrap() > 0, "{statistics}");
    println!(
        "{} events: {} dbt builds, {} model and {} test nodes run twice each",
        events.len(),
        parents.len(),
        models.len(),
        tests.len()
    );
}

/// An edge of column lineage: output column, input dataset (lakeforge name), input column.
type Edge = (String, String, String);

#[test]
fn column_lineage_agrees_with_openlineage_sql() {
    let Some(python) = oracle_python() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let shop = demo(dir.path());
    let events = lineage_events(&shop);
    let names = lakeforge_names(&events);

    // The columns of every dataset some event gives a schema to, by lakeforge name.
    let mut schemas: BTreeMap<&str, Vec<&Value>> = BTreeMap::new();
    for dataset in events.iter().flat_map(datasets) {
        if let Some(fields) = dataset["facets"]["schema"]["fields"].as_array() {
            let columns = fields.iter().map(|f| &f["name"]).collect();
            schemas.insert(lakeforge_name(&names, dataset), columns);
        }
    }

    // Each model's last COMPLETE: the compiled SQL it ran, and our column lineage of it.
    let mut queries = Vec::new();
    let mut ours: BTreeMap<String, BTreeSet<Edge>> = BTreeMap::new();
    for (job, run) in node_runs(&events, "model") {
        let complete = run.iter().rfind(|e| e["eventType"] == "COMPLETE").unwrap();
        let output = &complete["outputs"][0];
        let fields = output["facets"]["columnLineage"]["fields"].as_object();
        let edges = ours.entry(job.to_string()).or_default();
        for (column, inputs) in fields.into_iter().flatten() {
            for input in inputs["inputFields"].as_array().unwrap() {
                let table = lakeforge_name(&names, input).to_string();
                let field = input["field"].as_str().unwrap().to_string();
                edges.insert((column.clone(), table, field));
            }
        }
        queries.push(json!({
            "id": job,
            "sql": complete["job"]["facets"]["sql"]["query"],
            "output": lakeforge_name(&names, output),
        }));
    }
    assert!(!queries.is_empty(), "no model runs in the store");
    // Our compiled SQL quotes identifiers with double quotes, casts with `cast(x as double)`
    // and uses nothing PostgreSQL lacks: sqlglot and openlineage-sql read it as postgres.
    let input = dir.path().join("sql_lineage.json");
    std::fs::write(
        &input,
        json!({"dialect": "postgres", "schemas": schemas, "queries": queries}).to_string(),
    )
    .unwrap();
    let output = oracle(&python, "sql_lineage.py", &[&input]);
    assert!(
        output.status.success(),
        "sql_lineage.py: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let results: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(results.len(), queries.len());

    // Every edge openlineage-sql finds is ours (with whatever transformation); none needed an
    // exception when this was written. Ours may have more: print those.
    let (mut compared, mut extra) = (0, 0);
    let mut missing = Vec::new();
    for result in &results {
        let model = result["id"].as_str().unwrap();
        assert!(result["error"].is_null(), "{model}: {}", result["error"]);
        let theirs: BTreeSet<Edge> = result["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|edge| {
                let part = |key: &str| edge[key].as_str().unwrap().to_string();
                (
                    part("output_column"),
                    part("input_table"),
                    part("input_column"),
                )
            })
            .collect();
        assert!(
            !theirs.is_empty(),
            "openlineage-sql finds no edges in {model}: {result:#}"
        );
        let our_edges = &ours[model];
        compared += theirs.len();
        missing.extend(
            theirs
                .difference(our_edges)
                .map(|edge| (model, edge.clone())),
        );
        let ours_only: Vec<&Edge> = our_edges.difference(&theirs).collect();
        extra += ours_only.len();
        println!(
            "{model}: {} edges from openlineage-sql, {} of ours; ours only ({}): {ours_only:?}",
            theirs.len(),
            our_edges.len(),
            ours_only.len()
        );
    }
    println!(
        "{} models: {compared} openlineage-sql edges compared, {} matched, {extra} ours only",
        results.len(),
        compared - missing.len()
    );
    assert!(
        missing.is_empty(),
        "edges openlineage-sql finds and our columnLineage lacks: {missing:#?}"
    );
}

#[test]
fn our_dbt_datasets_cover_openlineage_dbt() {
    let Some(python) = oracle_python() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let shop = demo(dir.path());
    let project = shop.join("dbt");
    // The processor finds profiles.yml through run_results.json's `args.profiles_dir` (ours
    // names the folder the profile was found in, as dbt does).
    let output = oracle(
        &python,
        "dbt_events.py",
        &[
            project.as_os_str(),
            OsStr::new("--namespace"),
            OsStr::new(LAKEFORGE_NAMESPACE),
        ],
    );
    let report: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|error| {
        panic!(
            "dbt_events.py: {error}: {}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    assert!(
        output.status.success() && report["error"].is_null(),
        "dbt_events.py: {}",
        report["error"]
    );

    // openlineage-integration-common names a source `{database}.{schema}.{name}`, not by its
    // `identifier` (the table it stands for, which we name): translate through the manifest.
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(project.join("target/manifest.json")).unwrap(),
    )
    .unwrap();
    let sources: HashMap<String, String> = manifest["sources"]
        .as_object()
        .unwrap()
        .values()
        .map(|source| {
            let part = |key: &str| source[key].as_str().unwrap();
            let prefix = format!("{}.{}", part("database"), part("schema"));
            (
                format!("{prefix}.{}", part("name")),
                format!("{prefix}.{}", part("identifier")),
            )
        })
        .collect();
    let theirs = |dataset: &Value| {
        assert_eq!(dataset["namespace"], LAKEFORGE_NAMESPACE, "{dataset}");
        let name = dataset["name"].as_str().unwrap();
        sources.get(name).map_or(name, String::as_str).to_string()
    };

    // Ours: each node's datasets (lakeforge names), which node builds each relation, and each
    // test verdict by (dataset, assertion, column).
    let events = lineage_events(&shop);
    let names = lakeforge_names(&events);
    let mut node_datasets: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut builder: BTreeMap<&str, &str> = BTreeMap::new();
    let mut verdicts: BTreeMap<(&str, &str, &str), (&Value, &str)> = BTreeMap::new();
    for kind in ["model", "seed", "snapshot", "test"] {
        for (job, run) in node_runs(&events, kind) {
            for event in run {
                node_datasets
                    .entry(job)
                    .or_default()
                    .extend(datasets(event).map(|d| lakeforge_name(&names, d)));
                for output in event["outputs"].as_array().into_iter().flatten() {
                    builder.insert(lakeforge_name(&names, output), job);
                }
                for input in event["inputs"].as_array().into_iter().flatten() {
                    let quality = &input["inputFacets"]["dataQualityAssertions"]["assertions"];
                    for assertion in quality.as_array().into_iter().flatten() {
                        let key = (
                            lakeforge_name(&names, input),
                            assertion["assertion"].as_str().unwrap(),
                            assertion["column"].as_str().unwrap_or_default(),
                        );
                        verdicts.insert(key, (&assertion["success"], job));
                    }
                }
            }
        }
    }

    // Theirs, event by event: a node that builds a relation is matched to ours by that
    // relation; tests (one job per tested relation) by each verdict.
    let (mut built, mut matched, mut compared) = (BTreeSet::new(), BTreeSet::new(), 0);
    for event in report["events"].as_array().unwrap() {
        let job = event["job"]["name"].as_str().unwrap();
        let inputs: Vec<String> = event["inputs"]
            .as_array()
            .unwrap()
            .iter()
            .map(theirs)
            .collect();
        let outputs: Vec<String> = event["outputs"]
            .as_array()
            .unwrap()
            .iter()
            .map(theirs)
            .collect();
        let nodes: BTreeSet<&str> = match event["jobType"].as_str().unwrap() {
            "MODEL" | "SEED" | "SNAPSHOT" => {
                assert_eq!(outputs.len(), 1, "{job}: {event:#}");
                let node = *builder
                    .get(outputs[0].as_str())
                    .unwrap_or_else(|| panic!("{job}: we built no {}", outputs[0]));
                built.insert(node);
                BTreeSet::from([node])
            }
            "TEST" => event["assertions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|assertion| {
                    let key = (
                        assertion["dataset"].as_str().unwrap(),
                        assertion["assertion"].as_str().unwrap(),
                        assertion["column"].as_str().unwrap_or_default(),
                    );
                    let (success, node) = verdicts.get(&key).unwrap_or_else(|| {
                        panic!("{job}: we report no assertion {key:?}; ours: {verdicts:#?}")
                    });
                    assert_eq!(*success, &assertion["success"], "{job}: {key:?}");
                    matched.insert(key);
                    *node
                })
                .collect(),
            other => panic!("{job}: unexpected job type {other}"),
        };
        let ours: BTreeSet<&str> = nodes
            .iter()
            .flat_map(|node| &node_datasets[node])
            .copied()
            .collect();
        for dataset in inputs.iter().chain(&outputs) {
            assert!(
                ours.contains(dataset.as_str()),
                "{job}: {dataset} is not among the datasets of our {nodes:?}: {ours:?}"
            );
            compared += 1;
        }
    }
    // The dbt integration saw every node we ran.
    assert_eq!(built, builder.values().copied().collect());
    assert_eq!(matched.len(), verdicts.len());
    println!(
        "{} openlineage-dbt events: {compared} dataset names found among ours, {} nodes \
         that build a relation and {} test verdicts matched",
        report["events"].as_array().unwrap().len(),
        built.len(),
        verdicts.len()
    );
}

#[test]
fn a_failing_model_ends_in_fail_with_the_error() {
    let Some(python) = oracle_python() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["init", "shop"]);
    let shop = dir.path().join("shop");
    mini_dbt_project(
        &shop,
        &[
            (
                "names",
                "select upper(name) as name from {{ ref('people') }}\n",
            ),
            (
                "nicknames",
                "{{ config(materialized='table') }}\nselect nickname from {{ ref('people') }}\n",
            ),
        ],
    );
    ok(&shop, &["dbt", "seed", "--project-dir", "mini"]);
    let run = lakeforge(&shop, &["dbt", "run", "--project-dir", "mini"]);
    let printed = String::from_utf8_lossy(&run.stdout);
    assert_eq!(run.status.code(), Some(1), "{printed}");

    let events = lineage_events(&shop);
    let parent = of_job(&events, "dbt.mini.run");
    assert_eq!(states(&parent), ["START", "FAIL"]);
    let failed = of_job(&events, "model.mini.nicknames");
    assert_eq!(states(&failed), ["START", "FAIL"]);
    let fail = failed[1];
    assert_eq!(
        fail["run"]["facets"]["parent"]["run"]["runId"],
        parent[0]["run"]["runId"]
    );
    let message = fail["run"]["facets"]["errorMessage"]["message"]
        .as_str()
        .unwrap();
    // DataFusion's words, as `dbt run` printed them.
    let error = "Schema error: No field named nickname";
    assert!(message.contains(error), "{message}");
    assert!(printed.contains(error), "{printed}");
    assert_eq!(
        states(&of_job(&events, "model.mini.names")),
        ["START", "COMPLETE"]
    );
    let validated = validate(&python, &shop);
    println!("validate_events.py: {validated} events valid, the FAIL events among them");
}
