//! Classic Load Balancer listeners use certificates managed by ACM.

use crate::rule::prelude::*;

/// Classic Load Balancer listeners use certificates managed by ACM.
pub static RULE: Rule = Rule {
    name: "ELBACMCertificateRequired",
    service: "elb",
    info: "A Classic Load Balancer listener does not use a certificate from AWS Certificate Manager.",
    explanation: "ACM renews and deploys certificates automatically, so they do not expire unnoticed. Set SSLCertificateId of every listener to an ACM certificate ARN.",
    resource_types: &["AWS::ElasticLoadBalancing::LoadBalancer"],
    check,
};

fn check(balancer: &Resource, _: &Template) -> Outcome {
    let listeners = balancer.prop("Listeners");
    if is_nullish(listeners) {
        return Ok(Verdict::Compliant);
    }
    let acm =
        regex::Regex::new("^arn:[^:]+:acm:.+$").map_err(|error| Unresolvable(error.to_string()))?;
    for listener in items(listeners)? {
        let certificate = primitive(member(Some(listener), "SSLCertificateId")?)?;
        if is_nullish(certificate) || !acm.is_match(&js_template(certificate)) {
            return Ok(Verdict::NonCompliant);
        }
    }
    Ok(Verdict::Compliant)
}
