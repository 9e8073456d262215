//! State machines log all events (`Level: ALL`) to CloudWatch.

use crate::rule::prelude::*;

/// Step Functions state machines log ALL events.
pub static RULE: Rule = Rule {
    name: "StepFunctionStateMachineAllLogsToCloudWatch",
    service: "stepfunctions",
    info: "The Step Functions state machine does not log all events to CloudWatch Logs.",
    explanation: "Full execution history in CloudWatch Logs helps debug failures and audit runs. Set LoggingConfiguration with Level ALL and a log group destination.",
    resource_types: &["AWS::StepFunctions::StateMachine"],
    check,
};

fn check(machine: &Resource, _: &Template) -> Outcome {
    let logging = machine.prop("LoggingConfiguration");
    if is_nullish(logging) {
        return Ok(Verdict::NonCompliant);
    }
    Ok(Verdict::from_pass(primitive_is(
        member(logging, "Level")?,
        "ALL",
    )?))
}
