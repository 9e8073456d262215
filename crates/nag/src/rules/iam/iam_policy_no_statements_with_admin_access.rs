//! IAM policies do not allow `*` actions on `*` resources.

use super::policy_text::policies_match;
use crate::rule::prelude::*;

/// IAM policies do not grant admin access.
pub static RULE: Rule = Rule {
    name: "IAMPolicyNoStatementsWithAdminAccess",
    service: "iam",
    info: "The IAM policy allows every action on every resource (administrator access).",
    explanation: "A statement with Action '*' on Resource '*' makes the principal an administrator. Grant only the actions and resources the principal needs.",
    resource_types: &[
        "AWS::IAM::Policy",
        "AWS::IAM::ManagedPolicy",
        "AWS::IAM::Group",
        "AWS::IAM::Role",
    ],
    check,
};

const ADMIN: &str = r#""Action":\[?(.*,)?"\*"(,.*)?\]?,"Effect":"Allow","Resource":\[?(.*,)?"(?:arn(?::.*(?::)?)?)?\*"(,.*)?\]?"#;

fn check(resource: &Resource, _: &Template) -> Outcome {
    policies_match(resource, ADMIN)
}
