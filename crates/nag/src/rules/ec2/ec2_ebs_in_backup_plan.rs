//! EBS volumes are covered by an AWS Backup plan.

use crate::rule::prelude::*;

/// EBS volumes are covered by an AWS Backup plan.
pub static RULE: Rule = Rule {
    name: "EC2EBSInBackupPlan",
    service: "ec2",
    info: "The EBS volume is not part of an AWS Backup plan.",
    explanation: "A backup plan takes scheduled, retained snapshots of the volume so it can be restored after loss or corruption. Select the volume in an AWS::Backup::BackupSelection.",
    resource_types: &["AWS::EC2::Volume"],
    check,
};

use crate::rules::backup::selected;

fn check(volume: &Resource, template: &Template) -> Outcome {
    Ok(Verdict::from_pass(selected(template, |resource| {
        mentions(resource, &volume.logical_id, "")
    })?))
}
