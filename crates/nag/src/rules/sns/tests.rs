use super::*;
use crate::rules::testing::*;

const TOPIC: &str = "AWS::SNS::Topic";

#[test]
fn sns_encrypted_kms() {
    expect(
        &sns_encrypted_kms::RULE,
        &[
            (one(TOPIC, r#"{"KmsMasterKeyId":"alias/k"}"#), Pass),
            (one(TOPIC, "{}"), Fail),
        ],
    );
}

#[test]
fn sns_topic_ssl_publish_only() {
    let policy = r#""P":{"Type":"AWS::SNS::TopicPolicy","Properties":{"Topics":[{"Ref":"T"}],"PolicyDocument":{"Statement":[{"Effect":"Deny","Action":"sns:Publish","Principal":{"AWS":"*"},"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}}}"#;
    expect(
        &sns_topic_ssl_publish_only::RULE,
        &[
            (one(TOPIC, r#"{"KmsMasterKeyId":"alias/k"}"#), Pass),
            (
                many(&format!(r#""T":{{"Type":"AWS::SNS::Topic"}},{policy}"#)),
                Pass,
            ),
            (one(TOPIC, "{}"), Fail),
        ],
    );
}
