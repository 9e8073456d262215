//! Routes through a gateway do not send all traffic (`/0`) to it.

use crate::rule::prelude::*;

/// Route tables do not have unrestricted routes to an internet gateway.
pub static RULE: Rule = Rule {
    name: "VPCNoUnrestrictedRouteToIGW",
    service: "vpc",
    info: "The route table sends all traffic ('0.0.0.0/0' or '::/0') to an internet gateway.",
    explanation: "An unrestricted route to an internet gateway makes the subnets public. Route only the destinations that need internet access, or use private subnets with NAT.",
    resource_types: &["AWS::EC2::Route"],
    check,
};

fn check(route: &Resource, _: &Template) -> Outcome {
    if is_nullish(route.prop("GatewayId")) {
        return Ok(Verdict::Compliant);
    }
    for block in ["DestinationCidrBlock", "DestinationIpv6CidrBlock"] {
        let cidr = primitive(route.prop(block))?;
        if !is_nullish(cidr) && text(cidr)?.contains("/0") {
            return Ok(Verdict::NonCompliant);
        }
    }
    Ok(Verdict::Compliant)
}
