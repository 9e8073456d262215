//! Lambda functions have a dead-letter target.

use crate::rule::prelude::*;

/// Lambda functions are configured with a dead-letter queue.
pub static RULE: Rule = Rule {
    name: "LambdaDLQ",
    service: "lambda",
    info: "The Lambda function has no dead-letter queue.",
    explanation: "Failed asynchronous invocations are dropped unless they go somewhere. Configure DeadLetterConfig with an SQS queue or SNS topic so failures can be inspected and retried.",
    resource_types: &["AWS::Lambda::Function"],
    check,
};

fn check(function: &Resource, _: &Template) -> Outcome {
    let config = function.prop("DeadLetterConfig");
    Ok(Verdict::from_pass(
        !is_nullish(config) && !is_nullish(member(config, "TargetArn")?),
    ))
}
