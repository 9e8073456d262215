//! Secrets are encrypted with a customer managed KMS key.

use crate::rule::prelude::*;

/// Secrets Manager secrets use a customer managed KMS key.
pub static RULE: Rule = Rule {
    name: "SecretsManagerUsingKMSKey",
    service: "secretsmanager",
    info: "The secret is not encrypted with a customer managed KMS key.",
    explanation: "With a customer managed key you decide who can decrypt the secret and every use is logged. Set KmsKeyId to such a key.",
    resource_types: &["AWS::SecretsManager::Secret"],
    check,
};

fn check(secret: &Resource, _: &Template) -> Outcome {
    let key = secret.prop("KmsKeyId");
    Ok(Verdict::from_pass(
        key.is_some() && !is_str(key, "aws/secretsmanager"),
    ))
}
