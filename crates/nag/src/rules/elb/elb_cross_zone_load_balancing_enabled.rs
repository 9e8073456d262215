//! Classic Load Balancers span at least two zones with cross-zone load balancing on.

use crate::rule::prelude::*;

/// Classic Load Balancers span at least two zones with cross-zone load balancing on.
pub static RULE: Rule = Rule {
    name: "ELBCrossZoneLoadBalancingEnabled",
    service: "elb",
    info: "The Classic Load Balancer does not use at least two availability zones with cross-zone load balancing.",
    explanation: "Cross-zone load balancing spreads requests evenly across instances in all zones and keeps serving when a zone fails. Use two or more subnets or zones and set CrossZone to true.",
    resource_types: &["AWS::ElasticLoadBalancing::LoadBalancer"],
    check,
};

fn check(balancer: &Resource, _: &Template) -> Outcome {
    if is_nullish(balancer.prop("CrossZone")) {
        return Ok(Verdict::NonCompliant);
    }
    let subnets = balancer.prop("Subnets");
    let zones = if is_nullish(subnets) {
        balancer.prop("AvailabilityZones")
    } else {
        subnets
    };
    if is_nullish(zones) || raw_list_length(zones).is_some_and(|length| length < 2) {
        return Ok(Verdict::NonCompliant);
    }
    let cross_zone = primitive(balancer.prop("CrossZone"))?;
    Ok(Verdict::from_pass(loose_true(cross_zone)))
}
