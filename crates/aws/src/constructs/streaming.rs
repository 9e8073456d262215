//! A `[streaming.<id>]` stack: Kinesis stream → Firehose → the destination
//! zone, partitioned by hour, bad records under an error prefix.

use lakeforge_spec::{Location, OutputFormat, StreamingIngestion};
use serde_json::json;

use super::iam::{RoleSpec, allow, role};
use super::kms::log_group;
use super::nag::suppress_in_compliance_packs;
use super::project::ProjectRefs;
use super::streams::StreamRef;
use crate::stack::StackBuilder;

/// The hourly partitions of delivered objects, after the key prefix.
pub const PARTITIONS: &str =
    "year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/";

/// The Firehose object prefix of records under `prefix`.
pub fn record_prefix(prefix: &str) -> String {
    format!("{prefix}/{PARTITIONS}")
}

/// The Firehose error prefix of records under `prefix`.
pub fn error_prefix(prefix: &str) -> String {
    format!("error/{prefix}/!{{firehose:error-output-type}}/{PARTITIONS}")
}

/// Builds the stack of ingestion `id`.
pub(crate) fn build(
    stack: &mut StackBuilder,
    id: &str,
    ingestion: &StreamingIngestion,
    stream: &StreamRef,
    project: &ProjectRefs,
) {
    let location = Location::Zone(ingestion.destination.zone);
    let prefix = ingestion.destination.effective_prefix(id).trim_matches('/');
    let bucket_arn = project.bucket_arn(stack, location);
    let key = project.key_arn(stack);
    let logs = log_group(stack, "Firehose/Logs", key.clone());
    let mut statements = stream.access_statements(stack, false);
    statements.extend(project.bucket_access(stack, location, &format!("{prefix}/"), true));
    statements.extend(project.bucket_access(stack, location, &format!("error/{prefix}/"), true));
    statements.push(allow(&["logs:PutLogEvents"], vec![logs.arn()]));
    let delivery_role = role(
        stack,
        "Firehose/Role",
        RoleSpec::new(&["firehose.amazonaws.com"], statements).wildcards("Firehose writes objects with generated names under the ingestion's prefix and error prefix only (Resource::<bucket>/<prefix>/*).")
    );
    let stream_arn = stream.arn(stack);
    let delivery = stack.add(
        "Firehose/DeliveryStream",
        "AWS::KinesisFirehose::DeliveryStream",
        json!({
            "DeliveryStreamName": id,
            "DeliveryStreamType": "KinesisStreamAsSource",
            "KinesisStreamSourceConfiguration": {
                "KinesisStreamARN": stream_arn,
                "RoleARN": delivery_role.arn(),
            },
            "ExtendedS3DestinationConfiguration": {
                "BucketARN": bucket_arn,
                "RoleARN": delivery_role.arn(),
                "Prefix": record_prefix(prefix),
                "ErrorOutputPrefix": error_prefix(prefix),
                "BufferingHints": {
                    "IntervalInSeconds": ingestion.buffer_interval_seconds,
                    "SizeInMBs": ingestion.buffer_size_mb,
                },
                "CompressionFormat": "GZIP",
                "EncryptionConfiguration": { "KMSEncryptionConfig": { "AWSKMSKeyARN": key } },
                "CloudWatchLoggingOptions": {
                    "Enabled": true,
                    "LogGroupName": logs.ref_(),
                    "LogStreamName": "delivery",
                },
                "ProcessingConfiguration": {
                    "Enabled": true,
                    "Processors": [{
                        "Type": "AppendDelimiterToRecord",
                        "Parameters": [{ "ParameterName": "Delimiter", "ParameterValue": "\\n" }],
                    }],
                },
            },
        }),
    );
    stack.add(
        "Firehose/Logs/Delivery",
        "AWS::Logs::LogStream",
        json!({ "LogGroupName": logs.ref_(), "LogStreamName": "delivery" }),
    );
    stack.suppress(
        &delivery,
        "AwsSolutions-KDF1",
        "The source is a KMS-encrypted Kinesis stream, for which Firehose offers no server-side encryption setting; objects land SSE-KMS with the project's key.",
    );
    suppress_in_compliance_packs(
        stack,
        &delivery,
        "KinesisDataFirehoseSSE",
        "The source is a KMS-encrypted Kinesis stream, for which Firehose offers no server-side encryption setting; objects land SSE-KMS with the project's key.",
    );
    if ingestion.output_format == OutputFormat::Parquet {
        stack.note(
            "Firehose/DeliveryStream",
            "output_format = \"parquet\": Firehose lands newline-delimited JSON (GZIP); converting to Parquet on AWS needs a Glue table schema, which the spec does not declare".to_owned(),
        );
    }
}
