//! Secrets are encrypted with a customer managed KMS key.

use crate::rule::prelude::*;

/// Secrets Manager secrets use a customer managed KMS key.
pub static RULE: Rule = Rule {
    name: "SecretsManagerUsingKMSKey",
    service: "secretsmanager",
    resource_types: &["AWS::SecretsManager::Secret"],
    check,
};

fn check(secret: &Resource, _: &Template) -> Outcome {
    let key = secret.prop("KmsKeyId");
    Ok(Verdict::from_pass(
        key.is_some() && !is_str(key, "aws/secretsmanager"),
    ))
}
