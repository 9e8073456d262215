//! Neptune DB clusters keep backups for at least 7 days.

use crate::rule::prelude::*;

/// Neptune DB clusters keep backups for at least 7 days.
pub static RULE: Rule = Rule {
    name: "NeptuneClusterBackupRetentionPeriod",
    service: "neptune",
    info: "The Neptune DB cluster keeps automated backups for less than 7 days.",
    explanation: "A short retention window leaves little time to notice and recover from data loss. Set BackupRetentionPeriod to 7 days or more.",
    resource_types: &["AWS::Neptune::DBCluster"],
    check,
};

fn check(cluster: &Resource, _: &Template) -> Outcome {
    let retention = primitive(cluster.prop("BackupRetentionPeriod"))?;
    Ok(Verdict::from_pass(
        !is_nullish(retention) && !less_than(retention, 7.0),
    ))
}
