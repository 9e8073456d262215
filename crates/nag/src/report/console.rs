//! The console summary: open findings grouped by resource, each with the
//! explanation and how to fix or suppress it.

use super::{Compliance, Finding, Report};
use std::fmt::Write;

impl Report {
    /// A human summary of unsuppressed findings, grouped by resource, with totals.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        let open: Vec<&Finding> = self
            .findings
            .iter()
            .filter(|finding| {
                matches!(
                    finding.compliance,
                    Compliance::NonCompliant | Compliance::Unknown
                )
            })
            .collect();
        let mut resources: Vec<&str> = Vec::new();
        for finding in &open {
            if !resources.contains(&finding.resource_path.as_str()) {
                resources.push(&finding.resource_path);
            }
        }
        for path in &resources {
            let mut rows = open.iter().filter(|finding| finding.resource_path == *path);
            if let Some(first) = rows.clone().next() {
                let _ = writeln!(
                    out,
                    "{path} ({}, {})",
                    first.resource_logical_id, first.resource_type
                );
            }
            for finding in rows.by_ref() {
                write_finding(&mut out, finding);
            }
            out.push('\n');
        }
        let count = |compliance| {
            self.findings
                .iter()
                .filter(|finding| finding.compliance == compliance)
                .count()
        };
        let _ = writeln!(
            out,
            "{}: {} non-compliant, {} unknown, {} suppressed, {} compliant ({} resources with open findings)",
            self.stack_name,
            count(Compliance::NonCompliant),
            count(Compliance::Unknown),
            count(Compliance::Suppressed),
            count(Compliance::Compliant),
            resources.len()
        );
        out
    }
}

fn write_finding(out: &mut String, finding: &Finding) {
    let id = if finding.finding_id.is_empty() {
        finding.rule_id.clone()
    } else {
        format!("{}[{}]", finding.rule_id, finding.finding_id)
    };
    if finding.compliance == Compliance::Unknown {
        let _ = writeln!(
            out,
            "  [Warning] CdkNagValidationFailure[{}]: the rule could not be evaluated: {}",
            finding.rule_id,
            finding.error.as_deref().unwrap_or("unresolved value")
        );
        let _ = writeln!(
            out,
            "      fix: make the value static, or suppress `CdkNagValidationFailure` with applies_to [{}]",
            finding.rule_id
        );
        return;
    }
    let _ = writeln!(
        out,
        "  [{}] {id}: {}",
        finding.level.as_str(),
        finding.rule_info
    );
    let _ = writeln!(out, "      why: {}", finding.explanation);
    let applies_to = if finding.finding_id.is_empty() {
        String::new()
    } else {
        format!(", applies_to: [\"{}\"]", finding.finding_id)
    };
    let _ = writeln!(
        out,
        "      fix: change the resource as explained, or accept the risk with Metadata.cdk_nag.rules_to_suppress: [{{id: {}, reason: \"<at least 10 characters>\"{applies_to}}}]",
        finding.rule_id
    );
}
