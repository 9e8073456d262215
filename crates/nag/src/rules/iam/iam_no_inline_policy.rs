//! IAM groups, users and roles have no inline policies, and no `AWS::IAM::Policy` exists.

use crate::rule::prelude::*;

/// IAM identities do not use inline policies.
pub static RULE: Rule = Rule {
    name: "IAMNoInlinePolicy",
    service: "iam",
    info: "The IAM user, role or group has an inline policy.",
    explanation: "Inline policies cannot be reused, versioned or reviewed centrally. Use customer managed policies attached to groups or roles instead.",
    resource_types: &[
        "AWS::IAM::Group",
        "AWS::IAM::User",
        "AWS::IAM::Role",
        "AWS::IAM::Policy",
    ],
    check,
};

fn check(resource: &Resource, _: &Template) -> Outcome {
    Ok(Verdict::from_pass(
        resource.resource_type != "AWS::IAM::Policy" && is_nullish(resource.prop("Policies")),
    ))
}
