//! Security groups do not open common service ports (20, 21, 3389, 3306, 3309, 4333) to the world.

use crate::rule::prelude::*;

/// Security groups do not open common service ports (20, 21, 3389, 3306, 3309, 4333) to the world.
pub static RULE: Rule = Rule {
    name: "EC2RestrictedCommonPorts",
    service: "ec2",
    info: "The security group allows unrestricted inbound IPv4 TCP traffic on a common port (20, 21, 3389, 3306, 3309 or 4333), or on all protocols.",
    explanation: "File transfer, remote desktop and database ports are frequent attack targets. Allow them only from the address ranges or security groups that need them.",
    resource_types: &["AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress"],
    check,
};

use super::ingress::{Ingress, ingress_rules};

const PORTS: [f64; 6] = [20.0, 21.0, 3389.0, 3309.0, 3306.0, 4333.0];

fn check(group: &Resource, _: &Template) -> Outcome {
    for rule in ingress_rules(group)? {
        for port in PORTS {
            if !restricted(rule, port)? {
                return Ok(Verdict::NonCompliant);
            }
        }
    }
    Ok(Verdict::Compliant)
}

/// Whether the rule keeps `port` closed to the world.
fn restricted(rule: Ingress, port: f64) -> Result<bool, Unresolvable> {
    let protocol = string_of(primitive(rule.get("IpProtocol"))?);
    let cidr = primitive(rule.get("CidrIp"))?;
    let from = primitive(rule.get("FromPort"))?;
    let to = primitive(rule.get("ToPort"))?;
    if protocol.as_deref() == Some("tcp") && !is_nullish(cidr) && includes(cidr, "/0")? {
        if !is_nullish(from) && !is_nullish(to) {
            let (from, to) = (js_to_number(from), js_to_number(to));
            if (from <= port && to >= port) || from == -1.0 || to == -1.0 {
                return Ok(false);
            }
        } else if loose_eq_number(from, port) {
            return Ok(false);
        }
    }
    Ok(protocol.as_deref() != Some("-1"))
}
