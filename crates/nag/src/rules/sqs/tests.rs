use super::*;
use crate::rules::testing::*;

const QUEUE: &str = "AWS::SQS::Queue";

#[test]
fn sqs_queue_dlq() {
    expect(
        &sqs_queue_dlq::RULE,
        &[
            (
                one(
                    QUEUE,
                    r#"{"RedrivePolicy":{"deadLetterTargetArn":"arn","maxReceiveCount":3}}"#,
                ),
                Pass,
            ),
            (
                many(
                    r#""Dlq":{"Type":"AWS::SQS::Queue"},"Q":{"Type":"AWS::SQS::Queue","Properties":{"RedrivePolicy":{"deadLetterTargetArn":{"Fn::GetAtt":["Dlq","Arn"]}}}}"#,
                ),
                Pass,
            ),
            (one(QUEUE, "{}"), Fail),
        ],
    );
}

#[test]
fn sqs_queue_sse() {
    expect(
        &sqs_queue_sse::RULE,
        &[
            (one(QUEUE, "{}"), Pass),
            (one(QUEUE, r#"{"SqsManagedSseEnabled":false}"#), Fail),
            (
                one(
                    QUEUE,
                    r#"{"SqsManagedSseEnabled":false,"KmsMasterKeyId":"k"}"#,
                ),
                Pass,
            ),
        ],
    );
}

#[test]
fn sqs_queue_ssl_requests_only() {
    let policy = r#""P":{"Type":"AWS::SQS::QueuePolicy","Properties":{"Queues":[{"Ref":"Q"}],"PolicyDocument":{"Statement":[{"Effect":"Deny","Action":"sqs:*","Principal":"*","Condition":{"Bool":{"aws:SecureTransport":false}}}]}}}"#;
    expect(
        &sqs_queue_ssl_requests_only::RULE,
        &[
            (
                many(&format!(r#""Q":{{"Type":"AWS::SQS::Queue"}},{policy}"#)),
                Pass,
            ),
            (
                many(&format!(r#""Q2":{{"Type":"AWS::SQS::Queue"}},{policy}"#)),
                Fail,
            ),
        ],
    );
}
