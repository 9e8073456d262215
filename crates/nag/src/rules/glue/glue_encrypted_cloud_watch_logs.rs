//! Glue crawlers and jobs use a security configuration encrypting CloudWatch logs with SSE-KMS.

use super::security_configuration::security_configuration_mode;
use crate::rule::prelude::*;

/// Glue crawlers and jobs use a security configuration encrypting CloudWatch logs with SSE-KMS.
pub static RULE: Rule = Rule {
    name: "GlueEncryptedCloudWatchLogs",
    service: "glue",
    info: "The Glue crawler or job has no security configuration that encrypts its CloudWatch logs.",
    explanation: "Glue logs can contain data values and schema details. Use a security configuration with CloudWatch encryption (SSE-KMS) enabled.",
    resource_types: &["AWS::Glue::Crawler", "AWS::Glue::Job"],
    check,
};

fn check(resource: &Resource, template: &Template) -> Outcome {
    let setting = if resource.resource_type == "AWS::Glue::Crawler" {
        "CrawlerSecurityConfiguration"
    } else {
        "SecurityConfiguration"
    };
    security_configuration_mode(
        resource.prop(setting),
        template,
        "CloudWatchEncryption",
        "CloudWatchEncryptionMode",
        "SSE-KMS",
    )
}
