//! The streams stack: one Kinesis data stream per `[streams.<name>]`,
//! encrypted with the stack's KMS key.

use std::collections::BTreeMap;

use lakeforge_spec::Stream;
use serde_json::{Value, json};

use super::iam::allow;
use super::kms;
use crate::stack::{Export, StackBuilder};

/// The exported ARN of one stream and of its key.
pub(crate) struct StreamRef {
    arn: Export,
    key: Export,
}

impl StreamRef {
    /// The stream ARN, imported into `stack`.
    pub(crate) fn arn(&self, stack: &mut StackBuilder) -> Value {
        stack.import(&self.arn)
    }

    /// Statements for reading (`write = false`) or writing the stream, imported into `stack`.
    pub(crate) fn access_statements(&self, stack: &mut StackBuilder, write: bool) -> Vec<Value> {
        let arn = self.arn(stack);
        let key = stack.import(&self.key);
        let (actions, key_actions): (&[&str], &[&str]) = if write {
            (
                &[
                    "kinesis:PutRecord",
                    "kinesis:PutRecords",
                    "kinesis:DescribeStream",
                    "kinesis:DescribeStreamSummary",
                ],
                &["kms:GenerateDataKey"],
            )
        } else {
            (
                &[
                    "kinesis:DescribeStream",
                    "kinesis:DescribeStreamSummary",
                    "kinesis:GetShardIterator",
                    "kinesis:GetRecords",
                    "kinesis:ListShards",
                ],
                &["kms:Decrypt"],
            )
        };
        vec![allow(actions, vec![arn]), allow(key_actions, vec![key])]
    }
}

/// Builds the streams stack; the streams by name.
pub(crate) fn build(
    stack: &mut StackBuilder,
    streams: &BTreeMap<String, Stream>,
) -> BTreeMap<String, StreamRef> {
    let key = kms::key(stack, "StreamsKey", "Encrypts the Kinesis data streams");
    let key_export = stack.export("StreamsKeyArn", "ARN of the streams' KMS key", key.arn());
    streams
        .iter()
        .map(|(name, stream)| {
            let handle = stack.add(
                &format!("Streams/{name}"),
                "AWS::Kinesis::Stream",
                json!({
                    "Name": name,
                    "ShardCount": stream.shard_count,
                    "RetentionPeriodHours": stream.retention_hours.max(24),
                    "StreamModeDetails": { "StreamMode": "PROVISIONED" },
                    "StreamEncryption": { "EncryptionType": "KMS", "KeyId": key.arn() },
                }),
            );
            stack.suppress(
                &handle,
                "AwsSolutions-KDS3",
                "A customer managed key lets the stack grant exactly the producers and consumers (the simulator job, the Firehose role) decrypt and generate-data-key through IAM.",
            );
            let arn = stack.export(
                &format!("Stream{name}Arn"),
                &format!("ARN of Kinesis stream {name}"),
                handle.arn(),
            );
            (
                name.clone(),
                StreamRef {
                    arn,
                    key: key_export.clone(),
                },
            )
        })
        .collect()
}
