//! Glue jobs use a security configuration encrypting job bookmarks with CSE-KMS.

use super::security_configuration::security_configuration_mode;
use crate::rule::prelude::*;

/// Glue jobs use a security configuration encrypting job bookmarks with CSE-KMS.
pub static RULE: Rule = Rule {
    name: "GlueJobBookmarkEncrypted",
    service: "glue",
    info: "The Glue job has no security configuration that encrypts its job bookmarks.",
    explanation: "Job bookmarks record what a job has processed. Use a security configuration with job bookmark encryption (CSE-KMS) enabled.",
    resource_types: &["AWS::Glue::Job"],
    check,
};

fn check(job: &Resource, template: &Template) -> Outcome {
    security_configuration_mode(
        job.prop("SecurityConfiguration"),
        template,
        "JobBookmarksEncryption",
        "JobBookmarksEncryptionMode",
        "CSE-KMS",
    )
}
