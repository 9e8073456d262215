//! IAM identities do not attach AWS managed policies; each such policy is a finding `Policy::<arn>`.

use crate::rule::prelude::*;

/// IAM users, roles and groups do not use AWS managed policies.
pub static RULE: Rule = Rule {
    name: "IAMNoManagedPolicies",
    service: "iam",
    info: "The IAM user, role or group attaches an AWS managed policy.",
    explanation: "AWS managed policies are broad and change without your review, so they tend to grant more than needed. Attach customer managed policies scoped to the resources actually used.",
    resource_types: &["AWS::IAM::Group", "AWS::IAM::User", "AWS::IAM::Role"],
    check,
};

fn check(identity: &Resource, _: &Template) -> Outcome {
    let Some(arns) = identity.prop("ManagedPolicyArns") else {
        return Ok(Verdict::Compliant);
    };
    let mut findings: Vec<String> = Vec::new();
    for arn in items(Some(arns))? {
        let flat = flatten_reference(Some(arn));
        let finding = format!("Policy::{flat}");
        if flat.contains(":iam::aws:") && !findings.contains(&finding) {
            findings.push(finding);
        }
    }
    Ok(Verdict::from_findings(findings))
}
