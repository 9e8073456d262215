//! RDS DB instances are covered by an AWS Backup plan.

use crate::rule::prelude::*;

/// RDS DB instances are covered by an AWS Backup plan.
pub static RULE: Rule = Rule {
    name: "RDSInBackupPlan",
    service: "rds",
    info: "The RDS DB instance is not part of an AWS Backup plan.",
    explanation: "A backup plan keeps scheduled, retained and centrally managed backups of the database. Select the instance in an AWS::Backup::BackupSelection.",
    resource_types: &["AWS::RDS::DBInstance"],
    check,
};

use crate::rules::backup::selected;

fn check(instance: &Resource, template: &Template) -> Outcome {
    Ok(Verdict::from_pass(selected(template, |resource| {
        mentions(resource, &instance.logical_id, "")
    })?))
}
