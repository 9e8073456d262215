//! Firehose delivery streams have server-side encryption configured.

use crate::rule::prelude::*;

/// Kinesis Data Firehose delivery streams have server-side encryption enabled.
pub static RULE: Rule = Rule {
    name: "KinesisDataFirehoseSSE",
    service: "kinesis",
    info: "The Kinesis Data Firehose delivery stream does not use server-side encryption.",
    explanation: "Records buffered by Firehose should be encrypted at rest. Set DeliveryStreamEncryptionConfigurationInput, or read from a Kinesis stream that is itself encrypted.",
    resource_types: &["AWS::KinesisFirehose::DeliveryStream"],
    check,
};

fn check(stream: &Resource, _: &Template) -> Outcome {
    Ok(Verdict::from_pass(!is_nullish(
        stream.prop("DeliveryStreamEncryptionConfigurationInput"),
    )))
}
