//! OpenSearch domain access policies do not allow anonymous or unsigned requests.

use crate::rule::prelude::*;

/// OpenSearch domain access policies do not allow anonymous or unsigned requests.
pub static RULE: Rule = Rule {
    name: "OpenSearchNoUnsignedOrAnonymousAccess",
    service: "opensearch",
    info: "The OpenSearch Service domain allows unsigned requests or anonymous access.",
    explanation: "A '*' principal lets anyone send requests without signing them with AWS credentials. Name the IAM principals that need access in every Allow statement.",
    resource_types: &[
        "AWS::Elasticsearch::Domain",
        "AWS::OpenSearchService::Domain",
    ],
    check,
};

use super::open_search_allowlisted_ips::access_policy;

fn check(domain: &Resource, template: &Template) -> Outcome {
    let policy = access_policy(domain, template)?;
    let Some(policy) = policy.filter(|policy| *policy != Value::Null) else {
        return Ok(Verdict::NonCompliant);
    };
    let statements = maybe(Some(&policy), "Statement");
    if statements.is_none() || js_length(statements) == Some(0) {
        return Ok(Verdict::NonCompliant);
    }
    for statement in items(statements)? {
        if is_str(statement.get("Effect"), "Allow") {
            let principal = statement.get("Principal");
            if truthy(principal)
                && principal.is_some_and(|principal| principal.to_json().contains('*'))
            {
                return Ok(Verdict::NonCompliant);
            }
        }
    }
    Ok(Verdict::Compliant)
}
