//! Allow statements with wildcards in actions or resources; each wildcard is a finding
//! (`Action::s3:*`, `Resource::*`) so it can be suppressed on its own with evidence.

use crate::rule::prelude::*;

/// IAM entities do not have wildcard permissions without a justified suppression.
pub static RULE: Rule = Rule {
    name: "IAMNoWildcardPermissions",
    service: "iam",
    info: "The IAM policy uses wildcard actions or resources and has no suppression that justifies them.",
    explanation: "Wildcards grant more than the workload needs, now and as services add actions. List the actions and resources explicitly, or suppress the finding with evidence of why the wildcard is needed.",
    resource_types: &[
        "AWS::IAM::Group",
        "AWS::IAM::User",
        "AWS::IAM::Role",
        "AWS::IAM::Policy",
        "AWS::IAM::ManagedPolicy",
    ],
    check,
};

fn check(resource: &Resource, _: &Template) -> Outcome {
    let mut findings = Vec::new();
    match resource.resource_type.as_str() {
        "AWS::IAM::Policy" | "AWS::IAM::ManagedPolicy" => {
            wildcards(resource.prop("PolicyDocument"), &mut findings)?;
        }
        _ => {
            if let Some(policies) = resource
                .prop("Policies")
                .filter(|policies| !is_nullish(Some(policies)))
            {
                for policy in items(Some(policies))? {
                    wildcards(member(Some(policy), "PolicyDocument")?, &mut findings)?;
                }
            }
        }
    }
    Ok(Verdict::from_findings(findings))
}

fn wildcards(document: Slot, findings: &mut Vec<String>) -> Result<(), Unresolvable> {
    let mut add = |finding: String| {
        if !findings.contains(&finding) {
            findings.push(finding);
        }
    };
    let statements: &[Value] = match member(document, "Statement")? {
        None | Some(Value::Null) => &[],
        present => items(present)?,
    };
    for statement in statements {
        if !is_str(member(Some(statement), "Effect")?, "Allow") {
            continue;
        }
        for action in as_list(statement.get("Action")) {
            if includes_star(action)? {
                add(format!("Action::{}", action.to_js_string()));
            }
        }
        for resource in as_list(statement.get("Resource")) {
            let flat = flatten_reference(Some(resource));
            if flat.contains('*') {
                add(format!("Resource::{flat}"));
            }
        }
    }
    Ok(())
}

/// `value.includes('*')` for a string (or a list of strings); anything else throws.
fn includes_star(value: &Value) -> Result<bool, Unresolvable> {
    match value {
        Value::String(text) => Ok(text.contains('*')),
        Value::Array(items) => Ok(items.iter().any(|item| is_str(Some(item), "*"))),
        other => Err(Unresolvable(format!(
            "{} has no method includes",
            other.to_json()
        ))),
    }
}
