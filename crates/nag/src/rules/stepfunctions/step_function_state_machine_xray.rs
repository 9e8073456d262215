//! State machines have X-Ray tracing enabled.

use crate::rule::prelude::*;

/// Step Functions state machines have X-Ray tracing enabled.
pub static RULE: Rule = Rule {
    name: "StepFunctionStateMachineXray",
    service: "stepfunctions",
    info: "The Step Functions state machine does not enable X-Ray tracing.",
    explanation: "Traces show how executions move through states and services and where time or errors occur. Set TracingConfiguration Enabled to true.",
    resource_types: &["AWS::StepFunctions::StateMachine"],
    check,
};

fn check(machine: &Resource, _: &Template) -> Outcome {
    let tracing = machine.prop("TracingConfiguration");
    if is_nullish(tracing) {
        return Ok(Verdict::NonCompliant);
    }
    Ok(Verdict::from_pass(truthy(primitive(member(
        tracing, "Enabled",
    )?)?)))
}
