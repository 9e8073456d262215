//! DocumentDB clusters keep backups for at least 7 days.

use crate::rule::prelude::*;

/// DocumentDB clusters keep backups for at least 7 days.
pub static RULE: Rule = Rule {
    name: "DocumentDBClusterBackupRetentionPeriod",
    service: "documentdb",
    info: "The DocumentDB cluster keeps automated backups for less than 7 days.",
    explanation: "A short retention window leaves little time to notice and recover from data loss. Set BackupRetentionPeriod to 7 days or more.",
    resource_types: &["AWS::DocDB::DBCluster"],
    check,
};

fn check(cluster: &Resource, _: &Template) -> Outcome {
    let retention = primitive(cluster.prop("BackupRetentionPeriod"))?;
    Ok(Verdict::from_pass(
        !is_nullish(retention) && !less_than(retention, 7.0),
    ))
}
