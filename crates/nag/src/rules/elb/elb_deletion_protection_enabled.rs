//! Application, Network and Gateway Load Balancers have deletion protection on.

use crate::rule::prelude::*;

/// Application, Network and Gateway Load Balancers have deletion protection on.
pub static RULE: Rule = Rule {
    name: "ELBDeletionProtectionEnabled",
    service: "elb",
    info: "The load balancer does not have deletion protection enabled.",
    explanation: "Deleting a load balancer takes the service it fronts offline. Set the attribute deletion_protection.enabled to true.",
    resource_types: &["AWS::ElasticLoadBalancingV2::LoadBalancer"],
    check,
};

fn check(balancer: &Resource, _: &Template) -> Outcome {
    let attributes = balancer.prop("LoadBalancerAttributes");
    if is_nullish(attributes) {
        return Ok(Verdict::NonCompliant);
    }
    Ok(Verdict::from_pass(items(attributes)?.iter().any(
        |attribute| {
            is_str(attribute.get("Key"), "deletion_protection.enabled")
                && string_of(attribute.get("Value")).as_deref() == Some("true")
        },
    )))
}
