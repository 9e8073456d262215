//! SNS topics are encrypted with a KMS key.

use crate::rule::prelude::*;

/// SNS topics name a KMS key for encryption at rest.
pub static RULE: Rule = Rule {
    name: "SNSEncryptedKMS",
    service: "sns",
    info: "The SNS topic is not encrypted with a KMS key.",
    explanation: "Messages held by SNS should be encrypted at rest. Set KmsMasterKeyId on the topic.",
    resource_types: &["AWS::SNS::Topic"],
    check,
};

fn check(topic: &Resource, _: &Template) -> Outcome {
    Ok(Verdict::from_pass(!is_nullish(
        topic.prop("KmsMasterKeyId"),
    )))
}
