//! CloudWatch log groups are encrypted with a KMS key.

use crate::rule::prelude::*;

/// CloudWatch log groups are encrypted with a KMS key.
pub static RULE: Rule = Rule {
    name: "CloudWatchLogGroupEncrypted",
    service: "cloudwatch",
    resource_types: &["AWS::Logs::LogGroup"],
    check,
};

fn check(group: &Resource, _: &Template) -> Outcome {
    Ok(Verdict::from_pass(!is_nullish(group.prop("KmsKeyId"))))
}
