//! Policies are not attached to users directly, and users carry no policies of their own.

use crate::rule::prelude::*;

/// IAM users do not have policies attached.
pub static RULE: Rule = Rule {
    name: "IAMUserNoPolicies",
    service: "iam",
    resource_types: &[
        "AWS::IAM::Policy",
        "AWS::IAM::ManagedPolicy",
        "AWS::IAM::User",
    ],
    check,
};

fn check(resource: &Resource, _: &Template) -> Outcome {
    Ok(Verdict::from_pass(match resource.resource_type.as_str() {
        "AWS::IAM::User" => {
            is_nullish(resource.prop("Policies")) && is_nullish(resource.prop("ManagedPolicyArns"))
        }
        _ => is_nullish(resource.prop("Users")),
    }))
}
