//! ECR registry and repository policies do not allow access to any principal.

use crate::rule::prelude::*;

/// ECR registry and repository policies do not allow access to any principal.
pub static RULE: Rule = Rule {
    name: "ECROpenAccess",
    service: "ecr",
    info: "The ECR registry or repository policy allows access from any principal.",
    explanation: "A '*' principal lets any AWS account pull (or push) images. Name the accounts, roles or organisation that need access in the policy's Principal.",
    resource_types: &["AWS::ECR::RegistryPolicy", "AWS::ECR::Repository"],
    check,
};

fn check(resource: &Resource, _: &Template) -> Outcome {
    let key = if resource.resource_type == "AWS::ECR::RegistryPolicy" {
        "PolicyText"
    } else {
        "RepositoryPolicyText"
    };
    let policy = resource.prop(key);
    if is_nullish(policy) || is_nullish(maybe(policy, "Statement")) {
        return Ok(Verdict::Compliant);
    }
    for statement in items(maybe(policy, "Statement"))? {
        if is_str(statement.get("Effect"), "Allow") {
            let principal = statement.get("Principal");
            let text = if truthy(principal) {
                principal.map(Value::to_json).unwrap_or_default()
            } else {
                String::new()
            };
            if text.contains('*') {
                return Ok(Verdict::NonCompliant);
            }
        }
    }
    Ok(Verdict::Compliant)
}
