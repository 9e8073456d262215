//! Secrets have a rotation schedule with a rotation Lambda and a schedule, directly or
//! through a secret target attachment.

use crate::rule::prelude::*;

/// Secrets Manager secrets have automatic rotation scheduled.
pub static RULE: Rule = Rule {
    name: "SecretsManagerRotationEnabled",
    service: "secretsmanager",
    info: "The secret has no automatic rotation schedule.",
    explanation: "Long-lived secrets are more likely to leak and stay useful to an attacker. Add a RotationSchedule with a rotation Lambda or managed rotation.",
    resource_types: &["AWS::SecretsManager::Secret"],
    check,
};

fn check(secret: &Resource, template: &Template) -> Outcome {
    let id = Value::String(secret.logical_id.clone());
    let attachments: Vec<Value> = template
        .resources_of_type("AWS::SecretsManager::SecretTargetAttachment")
        .filter(|attachment| same(Some(&id), referenced(attachment.prop("SecretId"))))
        .map(|attachment| Value::String(attachment.logical_id.clone()))
        .collect();
    let mut schedules = template
        .resources_of_type("AWS::SecretsManager::RotationSchedule")
        .peekable();
    if schedules.peek().is_none() {
        return Ok(Verdict::NonCompliant);
    }
    for schedule in schedules {
        let target = referenced(schedule.prop("SecretId"));
        let for_secret = same(Some(&id), target)
            || attachments
                .iter()
                .any(|attachment| same(Some(attachment), target));
        let has_lambda = schedule.prop("HostedRotationLambda").is_some()
            || schedule.prop("RotationLambdaARN").is_some();
        let rules = schedule.prop("RotationRules");
        let scheduled = rules.is_some()
            && (member(rules, "AutomaticallyAfterDays")?.is_some()
                || member(rules, "ScheduleExpression")?.is_some());
        if for_secret && has_lambda && scheduled {
            return Ok(Verdict::Compliant);
        }
    }
    Ok(Verdict::NonCompliant)
}
