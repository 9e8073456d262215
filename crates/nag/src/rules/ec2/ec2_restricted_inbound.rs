//! Security groups do not allow inbound traffic from 0.0.0.0/0 or ::/0.

use crate::rule::prelude::*;

/// Security groups do not allow inbound traffic from 0.0.0.0/0 or ::/0.
pub static RULE: Rule = Rule {
    name: "EC2RestrictedInbound",
    service: "ec2",
    info: "The security group allows inbound traffic from anywhere (0.0.0.0/0 or ::/0).",
    explanation: "Opening a group to the whole internet exposes every listening port it covers and makes it hard to trace who may connect. Allow only the address ranges or security groups that need access.",
    resource_types: &["AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress"],
    check,
};

use super::ingress::ingress_rules;

fn check(group: &Resource, _: &Template) -> Outcome {
    for rule in ingress_rules(group)? {
        let v4 = primitive(rule.get("CidrIp"))?;
        let v6 = primitive(rule.get("CidrIpv6"))?;
        if (!is_nullish(v4) && includes(v4, "/0")?) || (!is_nullish(v6) && includes(v6, "/0")?) {
            return Ok(Verdict::NonCompliant);
        }
    }
    Ok(Verdict::Compliant)
}
