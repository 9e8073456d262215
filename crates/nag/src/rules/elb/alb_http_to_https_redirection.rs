//! HTTP listeners of load balancers redirect to HTTPS.

use crate::rule::prelude::*;

/// HTTP listeners of load balancers redirect to HTTPS.
pub static RULE: Rule = Rule {
    name: "ALBHttpToHttpsRedirection",
    service: "elb",
    info: "The load balancer's HTTP listener does not redirect to HTTPS.",
    explanation: "Requests served over plain HTTP can be read and altered in transit. Give HTTP listeners a default redirect action to protocol HTTPS.",
    resource_types: &["AWS::ElasticLoadBalancingV2::Listener"],
    check,
};

fn check(listener: &Resource, _: &Template) -> Outcome {
    let protocol = primitive(listener.prop("Protocol"))?;
    if !is_str(protocol, "HTTP") {
        return Ok(Verdict::Compliant);
    }
    for action in items(listener.prop("DefaultActions"))? {
        if is_str(action.get("Type"), "redirect")
            && is_str(member(action.get("RedirectConfig"), "Protocol")?, "HTTPS")
        {
            return Ok(Verdict::Compliant);
        }
    }
    Ok(Verdict::NonCompliant)
}
