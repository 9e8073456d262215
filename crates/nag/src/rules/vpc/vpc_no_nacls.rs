//! Network ACLs are not used (security groups are preferred).

use crate::rule::prelude::*;

/// VPCs do not use network ACLs.
pub static RULE: Rule = Rule {
    name: "VPCNoNACLs",
    service: "vpc",
    info: "The template defines a network ACL or network ACL entry.",
    explanation: "Network ACLs are stateless and easy to get wrong; security groups usually give the same protection with less risk. Prefer security groups, or suppress with the reason the ACL is needed.",
    resource_types: &["AWS::EC2::NetworkAcl", "AWS::EC2::NetworkAclEntry"],
    check,
};

fn check(_: &Resource, _: &Template) -> Outcome {
    Ok(Verdict::NonCompliant)
}
