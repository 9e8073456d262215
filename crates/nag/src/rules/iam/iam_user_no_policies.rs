//! Policies are not attached to users directly, and users carry no policies of their own.

use crate::rule::prelude::*;

/// IAM users do not have policies attached.
pub static RULE: Rule = Rule {
    name: "IAMUserNoPolicies",
    service: "iam",
    info: "The IAM user has policies attached directly.",
    explanation: "Permissions attached to individual users are hard to review. Attach policies to groups or roles and make users members of them.",
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
