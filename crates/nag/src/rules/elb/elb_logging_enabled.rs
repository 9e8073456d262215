//! Load balancers write access logs.

use crate::rule::prelude::*;

/// Load balancers write access logs.
pub static RULE: Rule = Rule {
    name: "ELBLoggingEnabled",
    service: "elb",
    info: "The load balancer does not write access logs.",
    explanation: "Access logs record each request (client, latency, path, response), which troubleshooting and security analysis need. Enable AccessLoggingPolicy on Classic Load Balancers, or the attribute access_logs.s3.enabled on the others.",
    resource_types: &[
        "AWS::ElasticLoadBalancing::LoadBalancer",
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
    ],
    check,
};

use super::alb_http_drop_invalid_header_enabled::attribute_true;

fn check(balancer: &Resource, _: &Template) -> Outcome {
    if balancer.resource_type == "AWS::ElasticLoadBalancing::LoadBalancer" {
        let policy = balancer.prop("AccessLoggingPolicy");
        if is_nullish(policy) {
            return Ok(Verdict::NonCompliant);
        }
        let enabled = primitive(member(policy, "Enabled")?)?;
        return Ok(Verdict::from_pass(!loose_false(enabled)));
    }
    let attributes = balancer.prop("LoadBalancerAttributes");
    if attributes.is_none() {
        return Err(Unresolvable(
            "the load balancer has no attributes to search".to_owned(),
        ));
    }
    Ok(Verdict::from_pass(attribute_true(
        attributes,
        "access_logs.s3.enabled",
    )))
}
