//! Classic Load Balancers drain connections before deregistering instances.

use crate::rule::prelude::*;

/// Classic Load Balancers drain connections before deregistering instances.
pub static RULE: Rule = Rule {
    name: "CLBConnectionDraining",
    service: "elb",
    info: "The Classic Load Balancer does not have connection draining enabled.",
    explanation: "Connection draining lets in-flight requests finish when an instance is removed or fails health checks, instead of cutting them off. Set ConnectionDrainingPolicy.Enabled to true.",
    resource_types: &["AWS::ElasticLoadBalancing::LoadBalancer"],
    check,
};

fn check(balancer: &Resource, _: &Template) -> Outcome {
    let policy = balancer.prop("ConnectionDrainingPolicy");
    if is_nullish(policy) {
        return Ok(Verdict::NonCompliant);
    }
    let enabled = primitive(member(policy, "Enabled")?)?;
    Ok(Verdict::from_pass(flag(enabled) == Some(true)))
}
