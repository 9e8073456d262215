//! Agreement with cdk-nag 2.38.2 over the corpus in `tests/corpus`.
//!
//! - `agrees_with_live_cdk_nag` runs the real cdk-nag (pinned in `tests/oracle/package.json`,
//!   installed with `npm ci --prefix crates/nag/tests/oracle`) over every corpus template,
//!   each imported with `CfnInclude`, all five packs with reports on, and compares its report
//!   rows with ours. Without `node_modules` it skips with a reason, unless
//!   `LAKEFORGE_REQUIRE_SERVICES=1`, where it fails.
//! - `agrees_with_recorded_cdk_nag` compares with the rows recorded from that oracle in
//!   `tests/corpus/expected/<stack>.tsv` (refresh: `UPDATE_NAG_EXPECTED=1` with the oracle installed).
//!
//! A row is (rule id, resource logical id, compliance, level); the text columns are not compared
//! (our rule texts are our own). Rows are compared as multisets (cdk-nag orders resources by
//! construct tree, we by template order).

use lakeforge_nag::packs::ALL;
use lakeforge_nag::{Template, check};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Rules cdk-nag checks with `instanceof` on an L1 class that `CfnInclude` does not create for
/// the resource type (it builds the class of a newer module: `aws_kinesisanalyticsv2.CfnApplication`
/// instead of `aws_kinesisanalytics.CfnApplicationV2`, `aws_eks_v2.CfnCluster` instead of
/// `aws_eks.CfnCluster`). Through `CfnInclude` cdk-nag never evaluates them on these types; in a
/// CDK app using the classic classes it does, and so do we. Our rows for them are left out of the
/// comparison (cdk-nag having rows there would still show up as a difference).
const INCLUDE_BLIND: &[(&str, &str)] = &[
    (
        "KinesisDataAnalyticsFlinkCheckpointing",
        "AWS::KinesisAnalyticsV2::Application",
    ),
    ("EKSClusterControlPlaneLogs", "AWS::EKS::Cluster"),
    ("EKSClusterNoEndpointPublicAccess", "AWS::EKS::Cluster"),
];

/// Whether cdk-nag through `CfnInclude` cannot see this finding (see [`INCLUDE_BLIND`]).
fn include_blind(finding: &lakeforge_nag::Finding) -> bool {
    let name = ALL
        .iter()
        .filter(|pack| pack.name == finding.pack)
        .flat_map(|pack| pack.rules.iter())
        .find(|rule| rule.id == finding.rule_id)
        .map(|rule| rule.rule.name());
    INCLUDE_BLIND
        .iter()
        .any(|(rule, kind)| Some(*rule) == name && *kind == finding.resource_type)
}

/// One comparable report row: pack, rule id, logical id, compliance, level.
type Row = (String, String, String, String, String);

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The corpus templates, sorted by file name.
fn corpus() -> Vec<PathBuf> {
    let mut templates: Vec<PathBuf> = std::fs::read_dir(crate_dir().join("tests/corpus"))
        .expect("tests/corpus exists")
        .map(|entry| entry.expect("readable corpus entry").path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "json" || extension == "yaml")
        })
        .collect();
    templates.sort();
    templates
}

/// Our rows for one template, by stack name.
fn our_rows(path: &Path) -> (String, Vec<Row>) {
    let template = Template::load(path).unwrap_or_else(|error| panic!("{error}"));
    let report = check(&template, &ALL);
    let rows = report
        .findings
        .iter()
        .filter(|finding| !include_blind(finding))
        .map(|finding| {
            (
                finding.pack.clone(),
                finding.rule_id.clone(),
                finding.resource_logical_id.clone(),
                finding.compliance.as_str().to_owned(),
                finding.level.as_str().to_owned(),
            )
        })
        .collect();
    (template.stack_name, rows)
}

/// The differences between two row multisets, as readable lines (`-` only cdk-nag, `+` only us).
fn differences(expected: &[Row], actual: &[Row]) -> Vec<String> {
    let mut counts: BTreeMap<&Row, i64> = BTreeMap::new();
    for row in expected {
        *counts.entry(row).or_default() += 1;
    }
    for row in actual {
        *counts.entry(row).or_default() -= 1;
    }
    counts
        .into_iter()
        .filter(|(_, count)| *count != 0)
        .map(|((pack, rule, resource, compliance, level), count)| {
            let sign = if count > 0 {
                "- cdk-nag"
            } else {
                "+ lakeforge"
            };
            format!(
                "{sign} x{}: {rule} {resource} {compliance} {level} ({pack})",
                count.abs()
            )
        })
        .collect()
}

/// Reads cdk-nag's JSON report of one pack and stack from the oracle's output directory.
fn oracle_rows(outdir: &Path, pack: &str, stack: &str) -> Vec<Row> {
    // cdk-nag prefixes the stage id: the app's is empty, hence the double dash.
    let candidates = [
        outdir.join(format!("{pack}--{stack}-NagReport.json")),
        outdir.join(format!("{pack}-{stack}-NagReport.json")),
    ];
    let Some(text) = candidates
        .iter()
        .find_map(|path| std::fs::read_to_string(path).ok())
    else {
        // cdk-nag writes no report for a stack where no rule of the pack applied.
        return Vec::new();
    };
    let report: serde_json::Value = serde_json::from_str(&text).expect("cdk-nag JSON report");
    let field = |line: &serde_json::Value, key: &str| -> String {
        line[key].as_str().unwrap_or_default().to_owned()
    };
    report["lines"]
        .as_array()
        .expect("report lines")
        .iter()
        .map(|line| {
            let path = field(line, "resourceId");
            let logical_id = path
                .split_once("/T/")
                .map_or(path.as_str(), |(_, id)| id)
                .to_owned();
            (
                pack.to_owned(),
                field(line, "ruleId"),
                logical_id,
                field(line, "compliance"),
                field(line, "ruleLevel"),
            )
        })
        .collect()
}

/// The recorded rows file of a stack.
fn expected_file(stack: &str) -> PathBuf {
    crate_dir().join(format!("tests/corpus/expected/{stack}.tsv"))
}

fn write_expected(stack: &str, rows: &[Row]) {
    let mut sorted = rows.to_vec();
    sorted.sort();
    let mut text = String::from("pack\trule id\tresource\tcompliance\tlevel\n");
    for (pack, rule, resource, compliance, level) in sorted {
        text.push_str(&format!(
            "{pack}\t{rule}\t{resource}\t{compliance}\t{level}\n"
        ));
    }
    std::fs::write(expected_file(stack), text).expect("write expected rows");
}

fn read_expected(stack: &str) -> Vec<Row> {
    let path = expected_file(stack);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| {
        panic!(
            "{}: {error}; record it with UPDATE_NAG_EXPECTED=1 and the oracle installed",
            path.display()
        )
    });
    text.lines()
        .skip(1)
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 5, "{}: bad line {line:?}", path.display());
            (
                fields[0].to_owned(),
                fields[1].to_owned(),
                fields[2].to_owned(),
                fields[3].to_owned(),
                fields[4].to_owned(),
            )
        })
        .collect()
}

/// Where the oracle is, or why it cannot run.
fn oracle() -> Result<(PathBuf, String), String> {
    let folder = crate_dir().join("tests/oracle");
    if !folder.join("node_modules/cdk-nag").is_dir()
        || !folder.join("node_modules/aws-cdk-lib").is_dir()
    {
        return Err(format!(
            "cdk-nag is not installed in {}: run `npm ci --prefix crates/nag/tests/oracle`",
            folder.display()
        ));
    }
    let node = std::env::var("LAKEFORGE_NODE").unwrap_or_else(|_| "node".to_owned());
    match Command::new(&node).arg("--version").output() {
        Ok(output) if output.status.success() => Ok((folder, node)),
        _ => Err(format!(
            "`{node}` (Node.js) cannot be run; set LAKEFORGE_NODE"
        )),
    }
}

#[test]
fn agrees_with_live_cdk_nag() {
    let (folder, node) = match oracle() {
        Ok(found) => found,
        Err(reason) => {
            if std::env::var("LAKEFORGE_REQUIRE_SERVICES").as_deref() == Ok("1") {
                panic!("LAKEFORGE_REQUIRE_SERVICES=1 but the cdk-nag oracle cannot run: {reason}");
            }
            eprintln!("skipping the live cdk-nag agreement test: {reason}");
            return;
        }
    };
    let outdir = std::env::temp_dir().join(format!("lakeforge-nag-oracle-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&outdir);
    let templates = corpus();
    let output = Command::new(&node)
        .arg(folder.join("oracle.js"))
        .arg(&outdir)
        .args(&templates)
        .output()
        .expect("run the cdk-nag oracle");
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let tail: String = stderr
            .lines()
            .rev()
            .take(12)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .map(|line| line.chars().take(400).collect::<String>() + "\n")
            .collect();
        panic!("the cdk-nag oracle failed:\n{tail}");
    }
    let update = std::env::var_os("UPDATE_NAG_EXPECTED").is_some();
    let mut problems = Vec::new();
    let mut compared = 0;
    for path in &templates {
        let (stack, ours) = our_rows(path);
        let theirs: Vec<Row> = ALL
            .iter()
            .flat_map(|pack| oracle_rows(&outdir, pack.name, &stack))
            .collect();
        compared += theirs.len();
        if update {
            write_expected(&stack, &theirs);
        }
        let diff = differences(&theirs, &ours);
        if !diff.is_empty() {
            problems.push(format!(
                "{stack} ({} rows differ):\n  {}",
                diff.len(),
                diff.join("\n  ")
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&outdir);
    assert!(
        problems.is_empty(),
        "disagreements with cdk-nag:\n{}",
        problems.join("\n")
    );
    assert!(compared > 1000, "only {compared} rows compared");
    eprintln!(
        "live cdk-nag agreement: {} templates, {compared} rows, all five packs",
        templates.len()
    );
}

#[test]
fn agrees_with_recorded_cdk_nag() {
    let templates = corpus();
    assert!(
        templates.len() >= 20,
        "the corpus has {} templates",
        templates.len()
    );
    if std::env::var_os("UPDATE_NAG_EXPECTED").is_some() {
        eprintln!("skipping the recorded comparison: the live test is rewriting the records");
        return;
    }
    let mut problems = Vec::new();
    let mut compared = 0;
    for path in &templates {
        let (stack, ours) = our_rows(path);
        let theirs = read_expected(&stack);
        compared += theirs.len();
        let diff = differences(&theirs, &ours);
        if !diff.is_empty() {
            problems.push(format!(
                "{stack} ({} rows differ):\n  {}",
                diff.len(),
                diff.join("\n  ")
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "disagreements with recorded cdk-nag rows:\n{}",
        problems.join("\n")
    );
    assert!(compared > 1000, "only {compared} rows compared");
}

#[test]
fn reports_keep_cdk_nag_columns() {
    let template = Template::load(crate_dir().join("tests/corpus/cicd.yaml")).unwrap();
    let report = check(&template, &ALL);
    for pack in &ALL {
        let csv = report.to_csv(pack.name);
        assert!(
            csv.starts_with(
                "Rule ID,Resource ID,Compliance,Exception Reason,Rule Level,Rule Info\n"
            )
        );
    }
}
