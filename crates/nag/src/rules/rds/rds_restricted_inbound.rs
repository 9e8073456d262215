//! RDS DB security groups do not allow inbound traffic from 0.0.0.0/0.

use crate::rule::prelude::*;

/// RDS DB security groups do not allow inbound traffic from 0.0.0.0/0.
pub static RULE: Rule = Rule {
    name: "RDSRestrictedInbound",
    service: "rds",
    info: "The RDS DB security group allows inbound access from anywhere (0.0.0.0/0).",
    explanation: "A database reachable from the whole internet is exposed to scanning and credential attacks. Allow only the address ranges or security groups that need access.",
    resource_types: &[
        "AWS::RDS::DBSecurityGroup",
        "AWS::RDS::DBSecurityGroupIngress",
    ],
    check,
};

fn check(resource: &Resource, _: &Template) -> Outcome {
    let open = |cidr: Slot| -> Result<bool, Unresolvable> {
        let cidr = primitive(cidr)?;
        Ok(!is_nullish(cidr) && includes(cidr, "/0")?)
    };
    if resource.resource_type == "AWS::RDS::DBSecurityGroupIngress" {
        return Ok(Verdict::from_pass(!open(resource.prop("CIDRIP"))?));
    }
    let rules = resource.prop("DBSecurityGroupIngress");
    if !is_nullish(rules) {
        for rule in items(rules)? {
            if open(member(Some(rule), "CIDRIP")?)? {
                return Ok(Verdict::NonCompliant);
            }
        }
    }
    Ok(Verdict::Compliant)
}
