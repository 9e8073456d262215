//! SQS queues keep server-side encryption (a KMS key, or SQS-managed SSE not turned off).

use crate::rule::prelude::*;

/// SQS queues encrypt messages at rest (KMS or SQS-managed keys).
pub static RULE: Rule = Rule {
    name: "SQSQueueSSE",
    service: "sqs",
    info: "The SQS queue does not use server-side encryption.",
    explanation: "Messages at rest in the queue should be encrypted. Set KmsMasterKeyId, or SqsManagedSseEnabled to true.",
    resource_types: &["AWS::SQS::Queue"],
    check,
};

fn check(queue: &Resource, _: &Template) -> Outcome {
    Ok(Verdict::from_pass(
        queue.prop("KmsMasterKeyId").is_some()
            || flag(queue.prop("SqsManagedSseEnabled")) != Some(false),
    ))
}
