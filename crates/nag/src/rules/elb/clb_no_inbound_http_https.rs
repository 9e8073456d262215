//! Classic Load Balancers do not take HTTP or HTTPS traffic (use an Application Load Balancer).

use crate::rule::prelude::*;

/// Classic Load Balancers do not take HTTP or HTTPS traffic (use an Application Load Balancer).
pub static RULE: Rule = Rule {
    name: "CLBNoInboundHttpHttps",
    service: "elb",
    info: "The Classic Load Balancer serves incoming HTTP or HTTPS traffic.",
    explanation: "Application Load Balancers handle web traffic better: they support WAF, modern TLS policies, redirects and request routing. Serve HTTP and HTTPS through an ALB instead.",
    resource_types: &["AWS::ElasticLoadBalancing::LoadBalancer"],
    check,
};

fn check(balancer: &Resource, _: &Template) -> Outcome {
    for listener in items(balancer.prop("Listeners"))? {
        let protocol = primitive(member(Some(listener), "Protocol")?)?;
        let protocol = text(protocol)?.to_lowercase();
        if protocol == "http" || protocol == "https" {
            return Ok(Verdict::NonCompliant);
        }
    }
    Ok(Verdict::Compliant)
}
