//! cdk-nag's textual policy checks: a regular expression over the JSON of the policy.

use crate::rule::prelude::*;
use regex::Regex;

/// Non-compliant when the JSON of the policy document (or of a group's/role's inline
/// `Policies`) matches `pattern`; groups and roles without inline policies pass.
pub fn policies_match(resource: &Resource, pattern: &str) -> Outcome {
    let document = match resource.resource_type.as_str() {
        "AWS::IAM::Policy" | "AWS::IAM::ManagedPolicy" => resource.prop("PolicyDocument"),
        _ => match resource.prop("Policies") {
            policies if is_nullish(policies) => return Ok(Verdict::Compliant),
            policies => policies,
        },
    };
    let json = document.map_or_else(String::new, Value::to_json);
    let regex = Regex::new(pattern).map_err(|error| Unresolvable(error.to_string()))?;
    Ok(Verdict::from_pass(!regex.is_match(&json)))
}
