//! RDS DB instances keep automated backups.

use crate::rule::prelude::*;

/// RDS DB instances keep automated backups.
pub static RULE: Rule = Rule {
    name: "RDSInstanceBackupEnabled",
    service: "rds",
    info: "The RDS DB instance does not have automated backups enabled.",
    explanation: "Automated backups allow point-in-time recovery after data loss. Keep BackupRetentionPeriod above 0.",
    resource_types: &["AWS::RDS::DBInstance"],
    check,
};

fn check(instance: &Resource, _: &Template) -> Outcome {
    let retention = primitive(instance.prop("BackupRetentionPeriod"))?;
    Ok(Verdict::from_pass(
        retention.is_none() || !at_most(retention, 0.0),
    ))
}
