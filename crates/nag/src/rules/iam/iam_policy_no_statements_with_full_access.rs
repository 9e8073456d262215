//! IAM policies do not allow `*` or `<service>:*` actions.

use super::policy_text::policies_match;
use crate::rule::prelude::*;

/// IAM policies do not grant full access to a service.
pub static RULE: Rule = Rule {
    name: "IAMPolicyNoStatementsWithFullAccess",
    service: "iam",
    info: "The IAM policy allows every action of a service (for example 's3:*').",
    explanation: "Service-wide action wildcards include destructive and administrative actions. List only the actions the principal needs.",
    resource_types: &[
        "AWS::IAM::Policy",
        "AWS::IAM::ManagedPolicy",
        "AWS::IAM::Group",
        "AWS::IAM::Role",
    ],
    check,
};

const FULL_ACCESS: &str = r#""Action":\[?(.*,)?"(?:[A-Za-z0-9_]+:)?\*"(,.*)?\]?,"Effect":"Allow""#;

fn check(resource: &Resource, _: &Template) -> Outcome {
    policies_match(resource, FULL_ACCESS)
}
