//! Classic Load Balancer listeners use SSL or HTTPS end to end.

use crate::rule::prelude::*;

/// Classic Load Balancer listeners use SSL or HTTPS end to end.
pub static RULE: Rule = Rule {
    name: "ELBTlsHttpsListenersOnly",
    service: "elb",
    info: "A Classic Load Balancer listener does not use a secure protocol (SSL or HTTPS) all the way to the instances.",
    explanation: "A secure front-end listener that forwards in plain text to the instances leaves the second hop unprotected. When Protocol is SSL or HTTPS, use the same InstanceProtocol.",
    resource_types: &["AWS::ElasticLoadBalancing::LoadBalancer"],
    check,
};

fn check(balancer: &Resource, _: &Template) -> Outcome {
    for listener in items(balancer.prop("Listeners"))? {
        let protocol = primitive(member(Some(listener), "Protocol")?)?;
        let instance = primitive(member(Some(listener), "InstanceProtocol")?)?;
        let protocol = text(protocol)?.to_lowercase();
        if (protocol == "ssl" || protocol == "https")
            && !(is_nullish(instance) || text(instance)?.to_lowercase() == protocol)
        {
            return Ok(Verdict::NonCompliant);
        }
    }
    Ok(Verdict::Compliant)
}
