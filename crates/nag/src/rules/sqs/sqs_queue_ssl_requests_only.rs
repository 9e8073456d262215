//! SQS queues have a queue policy denying requests without SSL.

use crate::rule::prelude::*;
use crate::rules::policy::{denies_insecure_transport, statements, targets};

/// SQS queues require requests to use SSL.
pub static RULE: Rule = Rule {
    name: "SQSQueueSSLRequestsOnly",
    service: "sqs",
    info: "The SQS queue's policy does not deny requests made without TLS.",
    explanation: "Without such a statement, clients may send and receive messages in clear text. Add a queue policy statement that denies all SQS actions when aws:SecureTransport is false.",
    resource_types: &["AWS::SQS::Queue"],
    check,
};

fn check(queue: &Resource, template: &Template) -> Outcome {
    for policy in template.resources_of_type("AWS::SQS::QueuePolicy") {
        if !targets(
            policy.prop("Queues"),
            &queue.logical_id,
            queue.prop("QueueName"),
        )? {
            continue;
        }
        for statement in statements(policy.prop("PolicyDocument"))? {
            if denies_insecure_transport(statement, &["*", "sqs:*"])? {
                return Ok(Verdict::Compliant);
            }
        }
    }
    Ok(Verdict::NonCompliant)
}
