//! EFS file systems are not explicitly left unencrypted.

use crate::rule::prelude::*;

/// EFS file systems are not explicitly left unencrypted.
pub static RULE: Rule = Rule {
    name: "EFSEncrypted",
    service: "efs",
    info: "The EFS file system is not encrypted at rest.",
    explanation: "Files at rest should be encrypted so that exposed storage does not expose data. Leave Encrypted on (set it to true), optionally with a KmsKeyId.",
    resource_types: &["AWS::EFS::FileSystem"],
    check,
};

fn check(file_system: &Resource, _: &Template) -> Outcome {
    let encrypted = primitive(file_system.prop("Encrypted"))?;
    Ok(Verdict::from_pass(flag(encrypted) != Some(false)))
}
