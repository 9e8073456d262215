//! `lakeforge bench`: the figures come out, with their peers measured in the same run.
//! (Debug builds make the numbers meaningless; these tests check that each figure is
//! measured, not its size.) Services or peers missing → `skipped: …`, unless
//! `LAKEFORGE_REQUIRE_SERVICES=1`.

use std::net::TcpStream;

use serde_json::Value;

use crate::support::{ok, services_required as required};

/// The value of figure `name` (its name starts with `name`).
fn figure(report: &Value, name: &str) -> Option<f64> {
    report["figures"]
        .as_array()?
        .iter()
        .find(|f| f["name"].as_str().is_some_and(|n| n.starts_with(name)))
        .and_then(|f| f["value"].as_f64())
}

#[test]
fn bench_ingest_measures_delivery_beside_duckdb() {
    let dir = tempfile::tempdir().unwrap();
    let out = ok(
        dir.path(),
        &[
            "bench",
            "ingest",
            "--customers",
            "40",
            "--days",
            "2",
            "--format",
            "json",
        ],
    );
    let report: Value = serde_json::from_str(&out).unwrap();
    assert!(figure(&report, "events").unwrap() > 50.0, "{report}");
    let bytes = figure(&report, "JSON bytes per event").unwrap();
    assert!(
        (250.0..700.0).contains(&bytes),
        "clickstream-like events: {bytes}"
    );
    assert!(figure(&report, "lakeforge delivery rate").unwrap() > 0.0);
    match figure(&report, "ratio lakeforge / DuckDB, hourly partitions") {
        Some(ratio) => assert!(ratio > 0.0),
        None => {
            assert!(!required(), "DuckDB was not measured: {report}");
            println!("skipped DuckDB: {}", report["notes"]);
        }
    }
}

#[test]
fn bench_cdc_measures_throughput_latency_and_peers_on_both_servers() {
    for (name, port) in [("MariaDB", 3306), ("PostgreSQL", 5432)] {
        if TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(!required(), "{name} is not running on port {port}");
            println!("skipped: {name} is not running on port {port}");
            return;
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let out = ok(
        dir.path(),
        &[
            "bench",
            "cdc",
            "--rows",
            "2000",
            "--changes",
            "1000",
            "--rate",
            "200",
            "--seconds",
            "2",
            "--format",
            "json",
        ],
    );
    // One JSON report per engine.
    let reports: Vec<Value> = serde_json::Deserializer::from_str(&out)
        .into_iter()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(reports.len(), 2, "{out}");
    for report in &reports {
        for name in [
            "full load into bronze",
            "full load merged into silver",
            "changes captured into bronze",
            "changes merged into silver",
            "commit → silver latency p50",
            "commit → silver latency p99",
            "peer",
        ] {
            let value = figure(report, name).unwrap_or_else(|| panic!("{name}: {report}"));
            assert!(value > 0.0, "{name}: {report}");
        }
        assert_eq!(figure(report, "latency samples"), Some(20.0), "{report}");
        assert!(
            figure(report, "commit → silver latency p99").unwrap()
                >= figure(report, "commit → silver latency p50").unwrap()
        );
    }
}

#[test]
fn bench_lineage_measures_both_sides_of_dbt_build_and_delivery() {
    let dir = tempfile::tempdir().unwrap();
    let out = ok(
        dir.path(),
        &[
            "bench",
            "lineage",
            "--customers",
            "30",
            "--days",
            "2",
            "--repeat",
            "1",
            "--format",
            "json",
        ],
    );
    let report: Value = serde_json::from_str(&out).unwrap();
    for what in ["retail dbt build", "streaming delivery"] {
        for side in ["lineage on", "lineage off"] {
            let seconds = figure(&report, &format!("{what}: {side}")).unwrap();
            assert!(seconds > 0.0, "{what}: {side} = {seconds}");
        }
        assert!(
            figure(&report, &format!("{what}: overhead")).is_some(),
            "{report}"
        );
    }
}
