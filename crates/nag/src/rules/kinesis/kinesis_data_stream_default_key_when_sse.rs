//! Encrypted Kinesis data streams use the AWS managed key `alias/aws/kinesis`.

use crate::rule::prelude::*;

/// Kinesis data streams with SSE use the `aws/kinesis` key.
pub static RULE: Rule = Rule {
    name: "KinesisDataStreamDefaultKeyWhenSSE",
    service: "kinesis",
    info: "The Kinesis data stream is encrypted with a key other than the AWS managed 'aws/kinesis' key.",
    explanation: "This pack prefers the AWS managed key, which needs no key policy upkeep. Use 'alias/aws/kinesis', or suppress the finding when a customer managed key is required.",
    resource_types: &["AWS::Kinesis::Stream"],
    check,
};

fn check(stream: &Resource, _: &Template) -> Outcome {
    let encryption = stream.prop("StreamEncryption");
    Ok(Verdict::from_pass(
        encryption.is_none() || is_str(member(encryption, "KeyId")?, "alias/aws/kinesis"),
    ))
}
