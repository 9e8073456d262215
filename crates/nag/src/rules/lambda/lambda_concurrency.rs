//! Lambda functions reserve concurrency (a limit other than 0).

use crate::rule::prelude::*;

/// Lambda functions have function-level concurrent execution limits.
pub static RULE: Rule = Rule {
    name: "LambdaConcurrency",
    service: "lambda",
    info: "The Lambda function has no reserved concurrency limit.",
    explanation: "Without a limit, one function can take the account's whole concurrency or overload its downstream systems. Set ReservedConcurrentExecutions.",
    resource_types: &["AWS::Lambda::Function"],
    check,
};

fn check(function: &Resource, _: &Template) -> Outcome {
    let reserved = primitive(function.prop("ReservedConcurrentExecutions"))?;
    Ok(Verdict::from_pass(
        !is_nullish(reserved) && number(reserved) != Some(0.0),
    ))
}
