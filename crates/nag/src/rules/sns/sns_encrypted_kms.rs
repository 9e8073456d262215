//! SNS topics are encrypted with a KMS key.

use crate::rule::prelude::*;

/// SNS topics are encrypted via KMS.
pub static RULE: Rule = Rule {
    name: "SNSEncryptedKMS",
    service: "sns",
    resource_types: &["AWS::SNS::Topic"],
    check,
};

fn check(topic: &Resource, _: &Template) -> Outcome {
    Ok(Verdict::from_pass(!is_nullish(
        topic.prop("KmsMasterKeyId"),
    )))
}
