//! Redshift clusters keep automated snapshots (retention is not 0).

use crate::rule::prelude::*;

/// Redshift clusters keep automated snapshots (retention is not 0).
pub static RULE: Rule = Rule {
    name: "RedshiftBackupEnabled",
    service: "redshift",
    info: "The Redshift cluster turns off automated snapshots (retention period 0).",
    explanation: "Automated snapshots are the way back after data loss or corruption. Keep AutomatedSnapshotRetentionPeriod above 0.",
    resource_types: &["AWS::Redshift::Cluster"],
    check,
};

fn check(cluster: &Resource, _: &Template) -> Outcome {
    let retention = primitive(cluster.prop("AutomatedSnapshotRetentionPeriod"))?;
    Ok(Verdict::from_pass(number(retention) != Some(0.0)))
}
