//! Subnets do not assign public IPv4 or IPv6 addresses automatically.

use crate::rule::prelude::*;

/// Subnets keep MapPublicIpOnLaunch off.
pub static RULE: Rule = Rule {
    name: "VPCSubnetAutoAssignPublicIpDisabled",
    service: "vpc",
    info: "The subnet gives public IP addresses to instances launched in it.",
    explanation: "Automatic public addresses expose instances to the internet by default. Set MapPublicIpOnLaunch to false and assign public addresses only where needed.",
    resource_types: &["AWS::EC2::Subnet"],
    check,
};

fn check(subnet: &Resource, _: &Template) -> Outcome {
    let public_ipv4 = flag(primitive(subnet.prop("MapPublicIpOnLaunch"))?) == Some(true);
    let public_ipv6 = flag(primitive(subnet.prop("AssignIpv6AddressOnCreation"))?) == Some(true);
    Ok(Verdict::from_pass(!public_ipv4 && !public_ipv6))
}
