//! Application Load Balancers are protected by a WAFv2 web ACL.

use crate::rule::prelude::*;

/// Application Load Balancers are protected by a WAFv2 web ACL.
pub static RULE: Rule = Rule {
    name: "ALBWAFEnabled",
    service: "elb",
    info: "The Application Load Balancer is not associated with a WAFv2 web ACL.",
    explanation: "A web ACL filters common web attacks before they reach the targets. Associate the load balancer with a web ACL through an AWS::WAFv2::WebACLAssociation.",
    resource_types: &["AWS::ElasticLoadBalancingV2::LoadBalancer"],
    check,
};

fn check(balancer: &Resource, template: &Template) -> Outcome {
    let kind = primitive(balancer.prop("Type"))?;
    if !(kind.is_none() || is_str(kind, "application")) {
        return Ok(Verdict::Compliant);
    }
    for association in template.resources_of_type("AWS::WAFv2::WebACLAssociation") {
        let arn = association
            .prop("ResourceArn")
            .map_or_else(|| "undefined".to_owned(), Value::to_json);
        if mentions(&arn, &balancer.logical_id, "")? {
            return Ok(Verdict::Compliant);
        }
    }
    Ok(Verdict::NonCompliant)
}
