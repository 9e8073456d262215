//! OpenSearch domains grant access only to allowlisted source IP addresses.

use crate::rule::prelude::*;

/// OpenSearch domains grant access only to allowlisted source IP addresses.
pub static RULE: Rule = Rule {
    name: "OpenSearchAllowlistedIPs",
    service: "opensearch",
    info: "The OpenSearch Service domain does not limit access to allowlisted IP addresses.",
    explanation: "Limiting the access policy to known addresses keeps everyone else away from the domain's endpoint. Add an IpAddress condition on aws:sourceIp to every Allow statement (or place the domain in a VPC).",
    resource_types: &[
        "AWS::Elasticsearch::Domain",
        "AWS::OpenSearchService::Domain",
    ],
    check,
};

fn check(domain: &Resource, template: &Template) -> Outcome {
    let Some(policy) = access_policy(domain, template)? else {
        return Ok(Verdict::NonCompliant);
    };
    let statements = maybe(Some(&policy), "Statement");
    if statements.is_none() || js_length(statements) == Some(0) {
        return Ok(Verdict::NonCompliant);
    }
    for statement in items(statements)? {
        if is_str(statement.get("Effect"), "Allow") {
            let allowed = maybe(
                maybe(statement.get("Condition"), "IpAddress"),
                "aws:sourceIp",
            );
            if allowed.is_none() || js_length(allowed) == Some(0) {
                return Ok(Verdict::NonCompliant);
            }
        }
    }
    Ok(Verdict::Compliant)
}

/// The domain's access policy: the one a CDK `Domain` construct applies through its
/// `AccessPolicy` custom resource (found by construct path), else `AccessPolicies`.
pub(super) fn access_policy(
    domain: &Resource,
    template: &Template,
) -> Result<Option<Value>, Unresolvable> {
    let parts: Vec<&str> = domain.path.split("/Resource").collect();
    let prefix = parts[..parts.len() - 1].join("/Resource");
    let suffix = if domain.resource_type == "AWS::OpenSearchService::Domain" {
        "/AccessPolicy"
    } else {
        "/ESAccessPolicy"
    };
    let path = format!("{prefix}{suffix}/Resource/Default");
    if let Some(custom) = template
        .resources
        .iter()
        .find(|resource| resource.path == path)
    {
        let parts = maybe(custom.prop("Update"), "Fn::Join")
            .and_then(Value::as_array)
            .and_then(|join| join.get(1));
        let joined: String = items(parts)?
            .iter()
            .map(|part| match part {
                Value::Null => String::new(),
                other => other.to_js_string(),
            })
            .collect();
        let call: Value = serde_json::from_str(&joined).map_err(|error| {
            Unresolvable(format!("the access policy call is not JSON: {error}"))
        })?;
        let policy = member(member(Some(&call), "parameters")?, "AccessPolicies")?;
        let policy: Value = serde_json::from_str(&js_template(policy))
            .map_err(|error| Unresolvable(format!("the access policy is not JSON: {error}")))?;
        return Ok(Some(policy));
    }
    Ok(domain.prop("AccessPolicies").cloned())
}
