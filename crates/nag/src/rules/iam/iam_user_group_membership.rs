//! IAM users belong to at least one group.

use crate::rule::prelude::*;

/// IAM users are members of a group.
pub static RULE: Rule = Rule {
    name: "IAMUserGroupMembership",
    service: "iam",
    info: "The IAM user is not a member of any group.",
    explanation: "Managing permissions per user does not scale and drifts. Put users in groups and grant permissions to the groups.",
    resource_types: &["AWS::IAM::User"],
    check,
};

fn check(user: &Resource, _: &Template) -> Outcome {
    Ok(Verdict::from_pass(!is_nullish(user.prop("Groups"))))
}
