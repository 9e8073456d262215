//! The stock AWS CDK CLI (pinned in tests/oracle) reads our cloud assembly:
//! `cdk ls --app <dir>` lists exactly our stacks.

use std::path::Path;
use std::process::Command;

use crate::common::{minimal, retail, skip};
use lakeforge_aws::CloudAssembly;

/// `cdk ls` over `assembly` written to a temporary folder; `None` when skipped.
fn cdk_ls(assembly: &CloudAssembly) -> Option<Vec<String>> {
    let oracle = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/oracle");
    let cdk = oracle.join("node_modules/.bin/cdk");
    if !cdk.exists() {
        skip(&format!(
            "the pinned aws-cdk CLI is not installed; run `npm ci --prefix {}`",
            oracle.display()
        ));
        return None;
    }
    let out = tempfile::tempdir().expect("a temporary folder");
    assembly
        .write_to(out.path())
        .expect("the assembly is written");
    let output = Command::new(&cdk)
        .args(["ls", "--no-notices", "--no-version-reporting", "--app"])
        .arg(out.path())
        .env("CDK_DISABLE_CLI_TELEMETRY", "true")
        .output()
        .expect("cdk runs");
    assert!(
        output.status.success(),
        "cdk ls failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    Some(
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect(),
    )
}

fn names(assembly: &CloudAssembly) -> Vec<String> {
    let mut names: Vec<String> = assembly
        .stacks()
        .iter()
        .map(|s| s.name().to_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn cdk_lists_exactly_the_retail_stacks() {
    let assembly = retail();
    if let Some(mut listed) = cdk_ls(&assembly) {
        listed.sort();
        assert_eq!(listed, names(&assembly));
    }
}

#[test]
fn cdk_lists_exactly_the_minimal_stacks() {
    let assembly = minimal();
    if let Some(mut listed) = cdk_ls(&assembly) {
        listed.sort();
        assert_eq!(listed, names(&assembly));
    }
}
