//! Firehose lands Parquet when the records' schema is known (declared
//! `columns`, or the simulator's clickstream), through a Glue table in the
//! destination zone's database; GZIP JSON otherwise, and the assembly says so.

use lakeforge_aws::{CloudAssembly, SynthOptions, synth};
use lakeforge_spec::{CLICKSTREAM_COLUMNS, OutputFormat, Spec};
use serde_json::Value;

use crate::common::{examples_dir, retail, retail_spec};

const STACK: &str = "lakeforge-streaming-c360-clickstream";

/// The resource of `kind` in the streaming stack.
fn resource(assembly: &CloudAssembly, kind: &str) -> Option<Value> {
    assembly.stack(STACK).unwrap().template()["Resources"]
        .as_object()
        .unwrap()
        .values()
        .find(|r| r["Type"] == kind)
        .cloned()
}

/// The delivery stream's S3 destination.
fn destination(assembly: &CloudAssembly) -> Value {
    resource(assembly, "AWS::KinesisFirehose::DeliveryStream").unwrap()["Properties"]
        ["ExtendedS3DestinationConfiguration"]
        .clone()
}

/// The note on the delivery stream.
fn note_of(assembly: &CloudAssembly) -> Option<String> {
    assembly
        .stack(STACK)
        .unwrap()
        .notes()
        .find(|(path, _)| path.ends_with("Firehose/DeliveryStream"))
        .map(|(_, note)| note.to_owned())
}

fn synth_with(edit: impl FnOnce(&mut Spec)) -> CloudAssembly {
    let mut spec = retail_spec();
    edit(&mut spec);
    spec.validate().unwrap();
    synth(&spec, &examples_dir(), &SynthOptions::default()).unwrap()
}

#[test]
fn the_simulators_clickstream_lands_as_snappy_parquet_through_a_glue_table() {
    let assembly = retail();
    let table = resource(&assembly, "AWS::Glue::Table").expect("a Glue table");
    let input = &table["Properties"]["TableInput"];
    assert_eq!(table["Properties"]["DatabaseName"], "retailbronze");
    assert_eq!(input["Name"], "c360_clickstream");
    let columns: Vec<(&str, &str)> = input["StorageDescriptor"]["Columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["Name"].as_str().unwrap(), c["Type"].as_str().unwrap()))
        .collect();
    assert_eq!(columns, CLICKSTREAM_COLUMNS);
    let partitions: Vec<&str> = input["PartitionKeys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["Name"].as_str().unwrap())
        .collect();
    assert_eq!(partitions, ["year", "month", "day", "hour"]);
    assert_eq!(
        input["StorageDescriptor"]["SerdeInfo"]["SerializationLibrary"],
        "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"
    );
    assert_eq!(
        input["StorageDescriptor"]["Location"]["Fn::Join"][1][2],
        "/clickstream/"
    );

    let s3 = destination(&assembly);
    let conversion = &s3["DataFormatConversionConfiguration"];
    assert_eq!(conversion["Enabled"], true);
    assert!(conversion["InputFormatConfiguration"]["Deserializer"]["OpenXJsonSerDe"].is_object());
    assert_eq!(
        conversion["OutputFormatConfiguration"]["Serializer"]["ParquetSerDe"]["Compression"],
        "SNAPPY"
    );
    let schema = &conversion["SchemaConfiguration"];
    assert_eq!(schema["DatabaseName"], "retailbronze");
    assert!(
        schema["TableName"]["Ref"]
            .as_str()
            .unwrap()
            .starts_with("FirehoseTable")
    );
    assert_eq!(schema["VersionId"], "LATEST");
    assert_eq!(schema["RoleARN"], s3["RoleARN"]);
    // Firehose's rules with conversion: uncompressed objects, ≥ 64 MiB buffers.
    assert_eq!(s3["CompressionFormat"], "UNCOMPRESSED");
    assert_eq!(s3["BufferingHints"]["SizeInMBs"], 64);
    assert_eq!(s3["ProcessingConfiguration"]["Enabled"], false);
    let note = note_of(&assembly).unwrap();
    assert!(
        note.contains("SNAPPY Parquet with the Glue table c360_clickstream"),
        "{note}"
    );
    assert!(note.contains("simulator's clickstream schema"), "{note}");
    assert!(note.contains("buffer_size_mb = 5 raised to 64"), "{note}");
}

#[test]
fn the_delivery_role_reads_just_that_table() {
    let assembly = retail();
    let policy = resource(&assembly, "AWS::IAM::ManagedPolicy").unwrap();
    let statements = policy["Properties"]["PolicyDocument"]["Statement"]
        .as_array()
        .unwrap()
        .clone();
    let glue: Vec<&Value> = statements
        .iter()
        .filter(|s| s["Action"].to_string().contains("glue:"))
        .collect();
    assert_eq!(glue.len(), 1, "{glue:#?}");
    assert_eq!(
        glue[0]["Action"],
        serde_json::json!([
            "glue:GetTable",
            "glue:GetTableVersion",
            "glue:GetTableVersions"
        ])
    );
    let resources = glue[0]["Resource"].to_string();
    assert!(!resources.contains('*'), "{resources}");
    assert!(resources.contains(":catalog"), "{resources}");
    assert!(resources.contains(":database/retailbronze"), "{resources}");
    assert!(resources.contains(":table/retailbronze/"), "{resources}");
    assert!(resources.contains("FirehoseTable"), "{resources}");
}

#[test]
fn declared_columns_make_the_table_and_large_buffers_stay() {
    let assembly = synth_with(|spec| {
        let ingestion = spec.streaming.get_mut("c360-clickstream").unwrap();
        ingestion.buffer_size_mb = 128;
        ingestion.columns.insert("ts".into(), "timestamp".into());
        ingestion
            .columns
            .insert("amount".into(), "decimal(10,2)".into());
    });
    let table = resource(&assembly, "AWS::Glue::Table").unwrap();
    let columns = &table["Properties"]["TableInput"]["StorageDescriptor"]["Columns"];
    assert_eq!(
        columns,
        &serde_json::json!([
            { "Name": "amount", "Type": "decimal(10,2)" },
            { "Name": "ts", "Type": "timestamp" },
        ])
    );
    assert_eq!(destination(&assembly)["BufferingHints"]["SizeInMBs"], 128);
    let note = note_of(&assembly).unwrap();
    assert!(
        note.contains("declared `columns`") && !note.contains("raised"),
        "{note}"
    );
}

#[test]
fn without_a_schema_firehose_keeps_gzip_json_and_says_so() {
    let assembly = synth_with(|spec| {
        spec.simulator.as_mut().unwrap().stream = None;
    });
    assert!(resource(&assembly, "AWS::Glue::Table").is_none());
    let s3 = destination(&assembly);
    assert!(s3.get("DataFormatConversionConfiguration").is_none());
    assert_eq!(s3["CompressionFormat"], "GZIP");
    assert_eq!(s3["BufferingHints"]["SizeInMBs"], 5);
    assert_eq!(
        s3["ProcessingConfiguration"]["Processors"][0]["Type"],
        "AppendDelimiterToRecord"
    );
    let note = note_of(&assembly).unwrap();
    assert!(
        note.contains("no schema is known") && note.contains("GZIP"),
        "{note}"
    );

    // JSON output wanted: JSON it is, without a note.
    let assembly = synth_with(|spec| {
        spec.streaming
            .get_mut("c360-clickstream")
            .unwrap()
            .output_format = OutputFormat::Json;
    });
    assert!(resource(&assembly, "AWS::Glue::Table").is_none());
    assert_eq!(destination(&assembly)["CompressionFormat"], "GZIP");
    assert_eq!(note_of(&assembly), None);
}
