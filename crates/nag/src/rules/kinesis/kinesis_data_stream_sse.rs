//! Kinesis data streams have server-side encryption configured.

use crate::rule::prelude::*;

/// Kinesis data streams encrypt records at rest.
pub static RULE: Rule = Rule {
    name: "KinesisDataStreamSSE",
    service: "kinesis",
    info: "The Kinesis data stream does not use server-side encryption.",
    explanation: "Records in the stream stay readable at rest without encryption. Configure StreamEncryption with a KMS key.",
    resource_types: &["AWS::Kinesis::Stream"],
    check,
};

fn check(stream: &Resource, _: &Template) -> Outcome {
    Ok(Verdict::from_pass(!is_nullish(
        stream.prop("StreamEncryption"),
    )))
}
