//! EFS file systems are covered by an AWS Backup plan.

use crate::rule::prelude::*;

/// EFS file systems are covered by an AWS Backup plan.
pub static RULE: Rule = Rule {
    name: "EFSInBackupPlan",
    service: "efs",
    info: "The EFS file system is not part of an AWS Backup plan.",
    explanation: "A backup plan keeps scheduled, retained copies of the file system for recovery. Select the file system in an AWS::Backup::BackupSelection.",
    resource_types: &["AWS::EFS::FileSystem"],
    check,
};

use crate::rules::backup::selected;

fn check(file_system: &Resource, template: &Template) -> Outcome {
    Ok(Verdict::from_pass(selected(template, |resource| {
        mentions(resource, &file_system.logical_id, "")
    })?))
}
