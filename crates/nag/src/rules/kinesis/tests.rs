use super::*;
use crate::rules::testing::*;

const STREAM: &str = "AWS::Kinesis::Stream";

#[test]
fn kinesis_data_analytics_flink_checkpointing() {
    const APP: &str = "AWS::KinesisAnalyticsV2::Application";
    expect(
        &kinesis_data_analytics_flink_checkpointing::RULE,
        &[
            (
                one(
                    APP,
                    r#"{"RuntimeEnvironment":"FLINK-1_15","ApplicationConfiguration":{"FlinkApplicationConfiguration":{"CheckpointConfiguration":{"ConfigurationType":"DEFAULT"}}}}"#,
                ),
                Pass,
            ),
            (one(APP, r#"{"RuntimeEnvironment":"SQL-1_0"}"#), Pass),
            (
                one(
                    APP,
                    r#"{"RuntimeEnvironment":"FLINK-1_15","ApplicationConfiguration":{"FlinkApplicationConfiguration":{"CheckpointConfiguration":{"ConfigurationType":"CUSTOM","CheckpointingEnabled":false}}}}"#,
                ),
                Fail,
            ),
            (one(APP, r#"{"RuntimeEnvironment":"FLINK-1_15"}"#), Fail),
        ],
    );
}

#[test]
fn kinesis_encryption() {
    expect(
        &kinesis_data_firehose_sse::RULE,
        &[
            (
                one(
                    "AWS::KinesisFirehose::DeliveryStream",
                    r#"{"DeliveryStreamEncryptionConfigurationInput":{"KeyType":"AWS_OWNED_CMK"}}"#,
                ),
                Pass,
            ),
            (one("AWS::KinesisFirehose::DeliveryStream", "{}"), Fail),
        ],
    );
    expect(
        &kinesis_data_stream_sse::RULE,
        &[
            (
                one(
                    STREAM,
                    r#"{"StreamEncryption":{"EncryptionType":"KMS","KeyId":"alias/aws/kinesis"}}"#,
                ),
                Pass,
            ),
            (one(STREAM, "{}"), Fail),
        ],
    );
    expect(
        &kinesis_data_stream_default_key_when_sse::RULE,
        &[
            (
                one(
                    STREAM,
                    r#"{"StreamEncryption":{"EncryptionType":"KMS","KeyId":"alias/aws/kinesis"}}"#,
                ),
                Pass,
            ),
            (one(STREAM, "{}"), Pass),
            (
                one(
                    STREAM,
                    r#"{"StreamEncryption":{"EncryptionType":"KMS","KeyId":{"Ref":"K"}}}"#,
                ),
                Fail,
            ),
        ],
    );
}
