//! Kinesis data streams have server-side encryption configured.

use crate::rule::prelude::*;

/// Kinesis data streams have server-side encryption enabled.
pub static RULE: Rule = Rule {
    name: "KinesisDataStreamSSE",
    service: "kinesis",
    resource_types: &["AWS::Kinesis::Stream"],
    check,
};

fn check(stream: &Resource, _: &Template) -> Outcome {
    Ok(Verdict::from_pass(!is_nullish(
        stream.prop("StreamEncryption"),
    )))
}
