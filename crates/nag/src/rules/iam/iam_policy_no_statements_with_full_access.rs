//! IAM policies do not allow `*` or `<service>:*` actions.

use super::policy_text::policies_match;
use crate::rule::prelude::*;

/// IAM policies do not grant full access to a service.
pub static RULE: Rule = Rule {
    name: "IAMPolicyNoStatementsWithFullAccess",
    service: "iam",
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
