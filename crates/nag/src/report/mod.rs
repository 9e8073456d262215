//! Check results: one [`Finding`] per evaluated rule (and granular finding),
//! written as cdk-nag's NagReport CSV/JSON or as a console summary.

mod console;
mod csv;
mod json;

use crate::packs::Level;
use serde::Serialize;

/// The outcome of one rule on one resource, as cdk-nag's reports spell it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Compliance {
    /// `Compliant`.
    #[serde(rename = "Compliant")]
    Compliant,
    /// `Non-Compliant`.
    #[serde(rename = "Non-Compliant")]
    NonCompliant,
    /// `Suppressed`: non-compliant (or not evaluable) but covered by a suppression.
    #[serde(rename = "Suppressed")]
    Suppressed,
    /// `UNKNOWN`: the rule could not be evaluated (an unresolved value).
    #[serde(rename = "UNKNOWN")]
    Unknown,
}

impl Compliance {
    /// The text in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Compliance::Compliant => "Compliant",
            Compliance::NonCompliant => "Non-Compliant",
            Compliance::Suppressed => "Suppressed",
            Compliance::Unknown => "UNKNOWN",
        }
    }
}

/// One report row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The pack, e.g. `AwsSolutions`.
    pub pack: String,
    /// The rule id, e.g. `AwsSolutions-IAM5`.
    pub rule_id: String,
    /// The resource's logical id.
    pub resource_logical_id: String,
    /// The resource's construct path (the report's `Resource ID`).
    pub resource_path: String,
    /// The resource type.
    pub resource_type: String,
    /// The outcome.
    pub compliance: Compliance,
    /// The rule's level in this pack.
    pub level: Level,
    /// The rule's short description of the problem.
    pub rule_info: String,
    /// Why the rule exists and how to fix it.
    pub explanation: String,
    /// The suppression's reason when suppressed (granular ones prefixed with `[finding]`).
    pub suppression_reason: Option<String>,
    /// The granular finding (e.g. `Action::s3:*`), empty for whole-resource findings.
    pub finding_id: String,
    /// Why the rule could not be evaluated, for `UNKNOWN` (and suppressed unknown) rows.
    pub error: Option<String>,
}

impl Finding {
    /// Whether this row should fail a gate at `threshold`: unsuppressed non-compliance at or
    /// above it, and unknowns when warnings fail (cdk-nag reports those as warnings).
    pub fn fails_at(&self, threshold: Level) -> bool {
        match self.compliance {
            Compliance::NonCompliant => self.level >= threshold,
            Compliance::Unknown => threshold == Level::Warning,
            Compliance::Compliant | Compliance::Suppressed => false,
        }
    }
}

/// All rows of one check of one template (its stack).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The stack the template describes.
    pub stack_name: String,
    /// Rows in evaluation order: pack, resource, rule.
    pub findings: Vec<Finding>,
}

impl Report {
    /// The rows of one pack.
    pub fn for_pack<'a>(&'a self, pack: &'a str) -> impl Iterator<Item = &'a Finding> + 'a {
        self.findings
            .iter()
            .filter(move |finding| finding.pack == pack)
    }

    /// How many rows fail a gate at `threshold` (see [`Finding::fails_at`]).
    pub fn failures(&self, threshold: Level) -> usize {
        self.findings
            .iter()
            .filter(|finding| finding.fails_at(threshold))
            .count()
    }
}

/// The two report formats cdk-nag writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    /// `NagReport.csv`.
    Csv,
    /// `NagReport.json`.
    Json,
}

/// `<Pack>-<Stack>-NagReport.<csv|json>`, the report file of one pack and stack.
pub fn report_file_name(pack: &str, stack: &str, format: ReportFormat) -> String {
    let extension = match format {
        ReportFormat::Csv => "csv",
        ReportFormat::Json => "json",
    };
    format!("{pack}-{stack}-NagReport.{extension}")
}
