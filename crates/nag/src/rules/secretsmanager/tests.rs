use super::*;
use crate::rules::testing::*;

const SECRET: &str = "AWS::SecretsManager::Secret";

#[test]
fn secrets_manager_rotation_enabled() {
    expect(
        &secrets_manager_rotation_enabled::RULE,
        &[
            (
                many(
                    r#""S":{"Type":"AWS::SecretsManager::Secret"},"R":{"Type":"AWS::SecretsManager::RotationSchedule","Properties":{"SecretId":{"Ref":"S"},"RotationLambdaARN":"arn","RotationRules":{"AutomaticallyAfterDays":30}}}"#,
                ),
                Pass,
            ),
            (
                many(
                    r#""S":{"Type":"AWS::SecretsManager::Secret"},"A":{"Type":"AWS::SecretsManager::SecretTargetAttachment","Properties":{"SecretId":{"Ref":"S"}}},"R":{"Type":"AWS::SecretsManager::RotationSchedule","Properties":{"SecretId":{"Ref":"A"},"HostedRotationLambda":{},"RotationRules":{"ScheduleExpression":"rate(1 day)"}}}"#,
                ),
                Pass,
            ),
            (
                many(
                    r#""S":{"Type":"AWS::SecretsManager::Secret"},"R":{"Type":"AWS::SecretsManager::RotationSchedule","Properties":{"SecretId":{"Ref":"S"},"RotationRules":{"AutomaticallyAfterDays":30}}}"#,
                ),
                Fail,
            ),
            (one(SECRET, "{}"), Fail),
        ],
    );
}

#[test]
fn secrets_manager_using_kms_key() {
    expect(
        &secrets_manager_using_kms_key::RULE,
        &[
            (one(SECRET, r#"{"KmsKeyId":{"Ref":"Key"}}"#), Pass),
            (one(SECRET, r#"{"KmsKeyId":"aws/secretsmanager"}"#), Fail),
            (one(SECRET, "{}"), Fail),
        ],
    );
}
