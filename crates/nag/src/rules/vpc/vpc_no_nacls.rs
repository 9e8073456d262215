//! Network ACLs are not used (security groups are preferred).

use crate::rule::prelude::*;

/// VPCs do not use network ACLs.
pub static RULE: Rule = Rule {
    name: "VPCNoNACLs",
    service: "vpc",
    resource_types: &["AWS::EC2::NetworkAcl", "AWS::EC2::NetworkAclEntry"],
    check,
};

fn check(_: &Resource, _: &Template) -> Outcome {
    Ok(Verdict::NonCompliant)
}
