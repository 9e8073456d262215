//! Agreement with cdk-nag 2.38.2: every template in `tests/corpus` was run through
//! real cdk-nag (via `CfnInclude`), its NagReport CSVs saved in `tests/corpus/expected`
//! (resource paths without the include scope). Our rows must match, for every rule
//! this crate implements, as multisets (cdk-nag orders resources by dependency).

use lakeforge_nag::packs::ALL;
use lakeforge_nag::{ReportFormat, Template, check, report_file_name};
use std::path::Path;

#[test]
fn reports_agree_with_cdk_nag() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut compared = 0;
    for entry in std::fs::read_dir(&corpus).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            continue;
        }
        let template = Template::load(&path).unwrap();
        let report = check(&template, &ALL);
        for pack in &ALL {
            let implemented: Vec<&str> = pack
                .rules
                .iter()
                .filter(|rule| rule.rule.implementation().is_some())
                .map(|rule| rule.id)
                .collect();
            let name = report_file_name(pack.name, &template.stack_name, ReportFormat::Csv);
            let expected = std::fs::read_to_string(corpus.join("expected").join(&name)).unwrap();
            let mut expected_rows: Vec<&str> = expected
                .lines()
                .skip(1)
                .filter(|line| {
                    let id = line.split(',').next().unwrap_or("").trim_matches('"');
                    implemented.contains(&id)
                })
                .collect();
            let actual = report.to_csv(pack.name);
            let mut actual_rows: Vec<&str> = actual.lines().skip(1).collect();
            expected_rows.sort_unstable();
            actual_rows.sort_unstable();
            assert_eq!(actual_rows, expected_rows, "{name}");
            assert!(actual.starts_with(
                "Rule ID,Resource ID,Compliance,Exception Reason,Rule Level,Rule Info\n"
            ));
            compared += actual_rows.len();
        }
    }
    assert!(compared > 100, "only {compared} rows compared");
}
