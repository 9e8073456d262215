//! Application Load Balancers drop HTTP headers that are not valid.

use crate::rule::prelude::*;

/// Application Load Balancers drop HTTP headers that are not valid.
pub static RULE: Rule = Rule {
    name: "ALBHttpDropInvalidHeaderEnabled",
    service: "elb",
    info: "The Application Load Balancer does not drop invalid HTTP headers.",
    explanation: "Malformed headers are a vector for request smuggling and header injection against backends. Set the attribute routing.http.drop_invalid_header_fields.enabled to true.",
    resource_types: &["AWS::ElasticLoadBalancingV2::LoadBalancer"],
    check,
};

fn check(balancer: &Resource, _: &Template) -> Outcome {
    let kind = primitive(balancer.prop("Type"))?;
    if is_nullish(kind) || is_str(kind, "application") {
        let attributes = balancer.prop("LoadBalancerAttributes");
        if is_nullish(attributes)
            || !attribute_true(
                attributes,
                "routing.http.drop_invalid_header_fields.enabled",
            )
        {
            return Ok(Verdict::NonCompliant);
        }
    }
    Ok(Verdict::Compliant)
}

/// Whether the load balancer attributes hold `key` with the value `"true"` (cdk-nag searches
/// their JSON text, where each attribute reads `{"key":...,"value":...}`).
pub(super) fn attribute_true(attributes: Slot, key: &str) -> bool {
    match attributes {
        Some(Value::Array(attributes)) => attributes.iter().any(|attribute| {
            is_str(attribute.get("Key"), key)
                && string_of(attribute.get("Value")).as_deref() == Some("true")
        }),
        Some(other) => other
            .to_json()
            .contains(&format!("\"{key}\",\"value\":\"true\"")),
        None => false,
    }
}
