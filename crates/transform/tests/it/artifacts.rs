//! Artifacts load with dbt-artifacts-parser (the ecosystem's reader of dbt's schemas).

use std::process::Command;

use lakeforge_transform::DbtCommand;

use crate::support::{dbt_venv, skip_or_fail, workspace};

#[tokio::test]
async fn manifest_run_results_and_catalog_parse_with_dbt_artifacts_parser() {
    let Some(venv) = dbt_venv() else {
        skip_or_fail("no dbt-artifacts-parser in LAKEFORGE_DBT_VENV (install it with .ci/install-dbt.sh)");
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
kinds = sorted({type(n).__name__ for n in manifest.nodes.values()})
print(len(manifest.nodes), len(results.results), len(catalog.nodes), results.args["which"], " ".join(kinds))
"#;
    let out = Command::new(venv.join("bin/python"))
        .args(["-c", script])
        .arg(ws.project.join("target"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let printed = String::from_utf8_lossy(&out.stdout);
    let fields: Vec<&str> = printed.split_whitespace().collect();
    // 23 nodes (7 models, 3 seeds, 12 tests, 1 snapshot… plus the analysis), 22 results.
    assert_eq!(fields[0], "24", "{printed}");
    assert_eq!(fields[1], "22", "{printed}");
    assert_eq!(fields[3], "build", "{printed}");
    assert!(printed.contains("GenericTestNode") || printed.contains("GenericTest"), "{printed}");
}
