//! SQS queues have a dead-letter queue, or are one (for another queue or a Lambda function).

use crate::rule::prelude::*;

/// SQS queues have a DLQ enabled or are used as a DLQ.
pub static RULE: Rule = Rule {
    name: "SQSQueueDLQ",
    service: "sqs",
    info: "The SQS queue has no dead-letter queue and is not one itself.",
    explanation: "Messages that keep failing block processing or are lost. Configure a RedrivePolicy that moves them to a dead-letter queue for inspection.",
    resource_types: &["AWS::SQS::Queue"],
    check,
};

fn check(queue: &Resource, template: &Template) -> Outcome {
    if queue.prop("RedrivePolicy").is_some() {
        return Ok(Verdict::Compliant);
    }
    let name = queue.prop("QueueName");
    for other in &template.resources {
        let target = match other.resource_type.as_str() {
            "AWS::SQS::Queue" => maybe(other.prop("RedrivePolicy"), "deadLetterTargetArn"),
            "AWS::Lambda::Function" => maybe(other.prop("DeadLetterConfig"), "TargetArn"),
            _ => continue,
        };
        let flat = flatten_reference(target);
        if mentions(&flat, &queue.logical_id, "")?
            || (name.is_some()
                && mentions(
                    &flat,
                    &format!(":{}", name.map(Value::to_js_string).unwrap_or_default()),
                    "-_.",
                )?)
        {
            return Ok(Verdict::Compliant);
        }
    }
    Ok(Verdict::NonCompliant)
}
