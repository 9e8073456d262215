//! SQS queues keep server-side encryption (a KMS key, or SQS-managed SSE not turned off).

use crate::rule::prelude::*;

/// SQS queues have server-side encryption enabled.
pub static RULE: Rule = Rule {
    name: "SQSQueueSSE",
    service: "sqs",
    resource_types: &["AWS::SQS::Queue"],
    check,
};

fn check(queue: &Resource, _: &Template) -> Outcome {
    Ok(Verdict::from_pass(
        queue.prop("KmsMasterKeyId").is_some()
            || flag(queue.prop("SqsManagedSseEnabled")) != Some(false),
    ))
}
