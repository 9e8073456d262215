//! Lambda functions run inside a VPC (security groups or subnets configured).

use crate::rule::prelude::*;

/// Lambda functions are attached to VPC subnets or security groups.
pub static RULE: Rule = Rule {
    name: "LambdaInsideVPC",
    service: "lambda",
    info: "The Lambda function does not run in a VPC.",
    explanation: "Functions inside a VPC reach private resources without the public internet and are covered by security groups. Configure VpcConfig with subnets and security groups.",
    resource_types: &["AWS::Lambda::Function"],
    check,
};

fn check(function: &Resource, _: &Template) -> Outcome {
    let config = function.prop("VpcConfig");
    if is_nullish(config) {
        return Ok(Verdict::NonCompliant);
    }
    let empty = |value: Slot| {
        is_nullish(value)
            || value
                .and_then(Value::as_array)
                .is_some_and(<[Value]>::is_empty)
            || is_str(value, "")
    };
    Ok(Verdict::from_pass(
        !(empty(member(config, "SecurityGroupIds")?) && empty(member(config, "SubnetIds")?)),
    ))
}
