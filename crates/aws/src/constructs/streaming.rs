//! A `[streaming.<id>]` stack: Kinesis stream → Firehose → the destination
//! zone, partitioned by hour, bad records under an error prefix.

use lakeforge_spec::{Location, OutputFormat, SchemaOrigin, StreamSchema, StreamingIngestion};
use serde_json::{Value, json};

use super::iam::{RoleSpec, allow, role};
use super::kms::log_group;
use super::nag::suppress_in_compliance_packs;
use super::project::{ProjectRefs, glue_database};
use super::streams::StreamRef;
use crate::stack::StackBuilder;
use crate::template::intrinsics;

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

/// The smallest buffer Firehose accepts with record format conversion, in MiB.
pub const CONVERSION_MIN_BUFFER_MB: u32 = 64;

/// The Glue table name of ingestion `id`: lowercase, `-` as `_`.
pub fn glue_table(id: &str) -> String {
    id.to_lowercase().replace('-', "_")
}

/// The Glue table of the ingestion's records, in the destination zone's
/// database, stored as Parquet under the ingestion's prefix and partitioned
/// like Firehose writes; returns (database, table ref).
fn table(
    stack: &mut StackBuilder,
    id: &str,
    ingestion: &StreamingIngestion,
    schema: &StreamSchema,
    bucket_name: Value,
    prefix: &str,
) -> (String, Value) {
    let database = glue_database(&ingestion.destination.project, ingestion.destination.zone);
    let columns: Vec<Value> = schema
        .columns
        .iter()
        .map(|(name, ty)| json!({ "Name": name, "Type": ty }))
        .collect();
    let partitions: Vec<Value> = ["year", "month", "day", "hour"]
        .iter()
        .map(|name| json!({ "Name": name, "Type": "string" }))
        .collect();
    let origin = match schema.origin {
        SchemaOrigin::Declared => format!("columns of [streaming.{id}]"),
        SchemaOrigin::Simulator => "the lakeforge simulator's clickstream events".to_owned(),
    };
    let table = stack.add(
        "Firehose/Table",
        "AWS::Glue::Table",
        json!({
            "CatalogId": intrinsics::account_id(),
            "DatabaseName": database,
            "TableInput": {
                "Name": glue_table(id),
                "Description": format!("Records of streaming ingestion {id} as Parquet; schema: {origin}"),
                "TableType": "EXTERNAL_TABLE",
                "Parameters": { "classification": "parquet", "parquet.compression": "SNAPPY" },
                "PartitionKeys": partitions,
                "StorageDescriptor": {
                    "Columns": columns,
                    "Location": intrinsics::join("", vec![json!("s3://"), bucket_name, json!(format!("/{prefix}/"))]),
                    "InputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
                    "OutputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
                    "SerdeInfo": {
                        "SerializationLibrary": "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
                        "Parameters": { "serialization.format": "1" },
                    },
                    "Compressed": true,
                    "StoredAsSubDirectories": false,
                },
            },
        }),
    );
    (database, table.ref_())
}

/// Builds the stack of ingestion `id`; `schema` is its records' schema when known.
pub(crate) fn build(
    stack: &mut StackBuilder,
    id: &str,
    ingestion: &StreamingIngestion,
    schema: Option<&StreamSchema>,
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
    let parquet = ingestion.output_format == OutputFormat::Parquet;
    let conversion = match schema.filter(|_| parquet) {
        Some(schema) => {
            let bucket_name = project.bucket_name(stack, location);
            let (database, table_name) = table(stack, id, ingestion, schema, bucket_name, prefix);
            // Reading a table's schema needs the catalog and database too.
            statements.push(allow(
                &[
                    "glue:GetTable",
                    "glue:GetTableVersion",
                    "glue:GetTableVersions",
                ],
                vec![
                    intrinsics::arn("glue:${AWS::Region}:${AWS::AccountId}:catalog"),
                    intrinsics::arn(&format!(
                        "glue:${{AWS::Region}}:${{AWS::AccountId}}:database/{database}"
                    )),
                    intrinsics::join(
                        "",
                        vec![
                            intrinsics::arn(&format!(
                                "glue:${{AWS::Region}}:${{AWS::AccountId}}:table/{database}/"
                            )),
                            table_name.clone(),
                        ],
                    ),
                ],
            ));
            Some((database, table_name))
        }
        None => None,
    };
    let delivery_role = role(
        stack,
        "Firehose/Role",
        RoleSpec::new(&["firehose.amazonaws.com"], statements).wildcards("Firehose writes objects with generated names under the ingestion's prefix and error prefix only (Resource::<bucket>/<prefix>/*).")
    );
    let stream_arn = stream.arn(stack);
    let buffer_mb = if conversion.is_some() {
        ingestion.buffer_size_mb.max(CONVERSION_MIN_BUFFER_MB)
    } else {
        ingestion.buffer_size_mb
    };
    let mut destination = json!({
        "BucketARN": bucket_arn,
        "RoleARN": delivery_role.arn(),
        "Prefix": record_prefix(prefix),
        "ErrorOutputPrefix": error_prefix(prefix),
        "BufferingHints": {
            "IntervalInSeconds": ingestion.buffer_interval_seconds,
            "SizeInMBs": buffer_mb,
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
    });
    if let Some((database, table_name)) = &conversion {
        // Parquet files are compressed inside (SNAPPY); Firehose requires
        // UNCOMPRESSED objects, and records need no delimiter.
        destination["CompressionFormat"] = json!("UNCOMPRESSED");
        destination["ProcessingConfiguration"] = json!({ "Enabled": false });
        destination["DataFormatConversionConfiguration"] = json!({
            "Enabled": true,
            "InputFormatConfiguration": { "Deserializer": { "OpenXJsonSerDe": {} } },
            "OutputFormatConfiguration": {
                "Serializer": { "ParquetSerDe": { "Compression": "SNAPPY" } },
            },
            "SchemaConfiguration": {
                "CatalogId": intrinsics::account_id(),
                "DatabaseName": database,
                "TableName": table_name,
                "Region": intrinsics::region(),
                "RoleARN": delivery_role.arn(),
                "VersionId": "LATEST",
            },
        });
    }
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
            "ExtendedS3DestinationConfiguration": destination,
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
    match (&conversion, parquet) {
        (Some(_), _) => {
            let origin = match schema.map(|s| s.origin) {
                Some(SchemaOrigin::Simulator) => "the simulator's clickstream schema (no `columns` declared)",
                _ => "the declared `columns`",
            };
            let mut note = format!(
                "output_format = \"parquet\": Firehose converts JSON records (OpenX JSON SerDe) to SNAPPY Parquet with the Glue table {}, built from {origin}",
                glue_table(id)
            );
            if buffer_mb != ingestion.buffer_size_mb {
                note.push_str(&format!(
                    "; buffer_size_mb = {} raised to {buffer_mb}, the least Firehose accepts with format conversion",
                    ingestion.buffer_size_mb
                ));
            }
            stack.note("Firehose/DeliveryStream", note);
        }
        (None, true) => stack.note(
            "Firehose/DeliveryStream",
            format!("output_format = \"parquet\" but no schema is known (no `columns` in [streaming.{id}], and the stream is not the simulator's): Firehose lands newline-delimited JSON, GZIP-compressed; declare `columns` to land Parquet"),
        ),
        (None, false) => {}
    }
}
