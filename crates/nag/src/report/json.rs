//! cdk-nag's NagReport JSON: `{"lines":[{ruleId, resourceId, compliance, exceptionReason, ruleLevel, ruleInfo}]}`.

use super::Report;
use super::csv::exception_reason;
use serde::Serialize;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Line<'a> {
    rule_id: &'a str,
    resource_id: &'a str,
    compliance: &'a str,
    exception_reason: &'a str,
    rule_level: &'a str,
    rule_info: &'a str,
}

#[derive(Serialize)]
struct Lines<'a> {
    lines: Vec<Line<'a>>,
}

impl Report {
    /// The NagReport JSON of one pack, as cdk-nag writes it (compact).
    pub fn to_json(&self, pack: &str) -> String {
        let lines = self
            .for_pack(pack)
            .map(|finding| Line {
                rule_id: &finding.rule_id,
                resource_id: &finding.resource_path,
                compliance: finding.compliance.as_str(),
                exception_reason: exception_reason(finding),
                rule_level: finding.level.as_str(),
                rule_info: &finding.rule_info,
            })
            .collect();
        serde_json::to_string(&Lines { lines }).unwrap_or_default()
    }

    /// Every row of every pack with all details (explanations, finding ids, errors), for machines.
    pub fn to_detailed_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
