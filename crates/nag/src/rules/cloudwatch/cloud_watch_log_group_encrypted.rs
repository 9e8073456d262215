//! CloudWatch log groups are encrypted with a KMS key.

use crate::rule::prelude::*;

/// CloudWatch log groups are encrypted with a KMS key.
pub static RULE: Rule = Rule {
    name: "CloudWatchLogGroupEncrypted",
    service: "cloudwatch",
    info: "The CloudWatch Logs log group is not encrypted with a KMS key.",
    explanation: "Logs often carry sensitive details. Set KmsKeyId to a customer managed KMS key so that access to the log data is also governed, and audited, through the key policy.",
    resource_types: &["AWS::Logs::LogGroup"],
    check,
};

fn check(group: &Resource, _: &Template) -> Outcome {
    Ok(Verdict::from_pass(!is_nullish(group.prop("KmsKeyId"))))
}
