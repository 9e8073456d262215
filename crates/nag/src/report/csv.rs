//! cdk-nag's NagReport CSV: an unquoted header, then every field double-quoted.

use super::{Compliance, Finding, Report};

const HEADER: &str = "Rule ID,Resource ID,Compliance,Exception Reason,Rule Level,Rule Info\n";

impl Report {
    /// The NagReport CSV of one pack, byte for byte as cdk-nag writes it.
    pub fn to_csv(&self, pack: &str) -> String {
        let mut out = String::from(HEADER);
        for finding in self.for_pack(pack) {
            let fields = [
                finding.rule_id.as_str(),
                finding.resource_path.as_str(),
                finding.compliance.as_str(),
                exception_reason(finding),
                finding.level.as_str(),
                finding.rule_info.as_str(),
            ];
            let quoted: Vec<String> = fields
                .iter()
                .map(|field| format!("\"{}\"", field.replace('"', "\"\"")))
                .collect();
            out.push_str(&quoted.join(","));
            out.push('\n');
        }
        out
    }
}

/// The suppression reason for suppressed rows, `N/A` otherwise.
pub(super) fn exception_reason(finding: &Finding) -> &str {
    match (finding.compliance, &finding.suppression_reason) {
        (Compliance::Suppressed, Some(reason)) => reason,
        _ => "N/A",
    }
}
