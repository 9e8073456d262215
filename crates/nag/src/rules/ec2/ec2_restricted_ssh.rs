//! Security groups do not open SSH (port 22) to the world.

use crate::rule::prelude::*;

/// Security groups do not open SSH (port 22) to the world.
pub static RULE: Rule = Rule {
    name: "EC2RestrictedSSH",
    service: "ec2",
    info: "The security group allows unrestricted inbound SSH (port 22) traffic.",
    explanation: "SSH open to the internet invites brute-force attempts against every instance in the group. Allow port 22 only from known ranges, or use Systems Manager Session Manager instead.",
    resource_types: &["AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress"],
    check,
};

use super::ingress::ingress_rules;

fn check(group: &Resource, _: &Template) -> Outcome {
    for rule in ingress_rules(group)? {
        let protocol = string_of(primitive(rule.get("IpProtocol"))?);
        let v4 = primitive(rule.get("CidrIp"))?;
        let v6 = primitive(rule.get("CidrIpv6"))?;
        let from = primitive(rule.get("FromPort"))?;
        let to = primitive(rule.get("ToPort"))?;
        let all_protocols = protocol.as_deref() == Some("-1");
        if (!is_nullish(v4) && includes(v4, "/0")?) || (!is_nullish(v6) && includes(v6, "/0")?) {
            let open = if !is_nullish(from) && !is_nullish(to) {
                let (from, to) = (js_to_number(from), js_to_number(to));
                (from <= 22.0 && to >= 22.0) || from == -1.0 || to == -1.0 || all_protocols
            } else {
                loose_eq_number(from, 22.0) || all_protocols
            };
            if open {
                return Ok(Verdict::NonCompliant);
            }
        }
    }
    Ok(Verdict::Compliant)
}
