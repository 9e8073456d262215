//! Artifacts load with dbt-artifacts-parser (the ecosystem's reader of dbt's schemas).

use std::process::Command;

use lakeforge_transform::DbtCommand;

use crate::support::{dbt_venv, skip_or_fail, workspace};

#[tokio::test]
async fn manifest_run_results_and_catalog_parse_with_dbt_artifacts_parser() {
    let Some(venv) = dbt_venv() else {
        skip_or_fail(
            "no dbt-artifacts-parser in LAKEFORGE_DBT_VENV (install it with .ci/install-dbt.sh)",
        );
        return;
    };
    let ws = workspace("shop");
    assert_eq!(ws.run(DbtCommand::Build, &[]).await.code, 0);
    assert_eq!(ws.run(DbtCommand::DocsGenerate, &[]).await.code, 0);
    let script = r#"
import json, sys
from dbt_artifacts_parser.parser import parse_manifest, parse_run_results, parse_catalog
target = sys.argv[1]
manifest = parse_manifest(json.load(open(target + "/manifest.json")))
results = parse_run_results(json.load(open(target + "/run_results.json")))
catalog = parse_catalog(json.load(open(target + "/catalog.json")))
generic = sum(1 for n in manifest.nodes.values() if getattr(n, "test_metadata", None))
print(len(manifest.nodes), len(results.results), len(catalog.nodes), results.args["which"], generic)
"#;
    let out = Command::new(venv.join("bin/python"))
        .args(["-c", script])
        .arg(ws.project.join("target"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed = String::from_utf8_lossy(&out.stdout);
    let fields: Vec<&str> = printed.split_whitespace().collect();
    // 24 nodes (7 models, 3 seeds, 12 tests, a snapshot and an analysis), 22 results, 10
    // relations in the catalog (the ephemeral model is none), 11 generic tests.
    assert_eq!(fields, ["24", "22", "10", "build", "11"], "{printed}");
}
