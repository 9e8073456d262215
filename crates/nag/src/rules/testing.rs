//! Helpers for the per-service rule tests: build a template, run one rule on
//! its first resource, compare with the expected verdict.

use crate::rule::{Rule, Verdict};
use crate::template::Template;

/// What a test expects a rule to decide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// Compliant.
    Pass,
    /// Non-compliant.
    Fail,
    /// Not applicable.
    Skip,
    /// Could not be evaluated (`UNKNOWN`).
    Unknown,
    /// These granular findings.
    Findings(&'static [&'static str]),
}

pub use Expect::{Fail, Pass, Skip, Unknown};

/// A template holding one resource of `resource_type` with `properties` (JSON).
pub fn one(resource_type: &str, properties: &str) -> String {
    format!(
        r#"{{"Resources":{{"Target":{{"Type":"{resource_type}","Properties":{properties}}}}}}}"#
    )
}

/// A template of `resources` (a JSON object body: `"Id":{...},...`); the first is checked.
pub fn many(resources: &str) -> String {
    format!(r#"{{"Resources":{{{resources}}}}}"#)
}

/// Runs `rule` on the first resource of each template and checks the verdict.
pub fn expect(rule: &Rule, cases: &[(String, Expect)]) {
    for (index, (text, expected)) in cases.iter().enumerate() {
        let template = Template::parse(text, "Test.json")
            .unwrap_or_else(|error| panic!("{} case {index}: {error}", rule.name));
        let outcome = rule.evaluate(&template.resources[0], &template);
        let actual = match outcome {
            Ok(Verdict::Compliant) => Pass,
            Ok(Verdict::NonCompliant) => Fail,
            Ok(Verdict::NotApplicable) => Skip,
            Ok(Verdict::Findings(found)) => {
                let wanted: Vec<String> = match expected {
                    Expect::Findings(ids) => ids.iter().map(|id| id.to_string()).collect(),
                    _ => Vec::new(),
                };
                assert_eq!(found, wanted, "{} case {index}", rule.name);
                *expected
            }
            Err(_) => Unknown,
        };
        assert_eq!(actual, *expected, "{} case {index}: {text}", rule.name);
    }
}
