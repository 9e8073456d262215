//! The properties that matter, over every resource of the synthesized
//! examples, plus property tests over generated specs.

use lakeforge_aws::{SynthOptions, constructs, synth, template::logical_id};
use lakeforge_spec::{
    CdcIngestion, CdcSource, DatePartitionSequence, Destination, Engine, MigrationType, Spec,
};
use proptest::prelude::*;
use serde_json::Value;

use crate::common::{examples_dir, minimal, of_type, resources, retail, retail_spec};

#[test]
fn every_bucket_is_encrypted_private_versioned_and_tls_only() {
    for assembly in [retail(), minimal()] {
        let buckets = of_type(&assembly, "AWS::S3::Bucket");
        assert!(!buckets.is_empty());
        for (stack, id, bucket) in buckets {
            let p = &bucket["Properties"];
            assert!(p["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]["ServerSideEncryptionByDefault"]["SSEAlgorithm"].is_string(), "{stack}/{id} encrypted");
            for flag in [
                "BlockPublicAcls",
                "BlockPublicPolicy",
                "IgnorePublicAcls",
                "RestrictPublicBuckets",
            ] {
                assert_eq!(
                    p["PublicAccessBlockConfiguration"][flag], true,
                    "{stack}/{id} {flag}"
                );
            }
            assert_eq!(
                p["VersioningConfiguration"]["Status"], "Enabled",
                "{stack}/{id} versioned"
            );
            let policies = of_type(&assembly, "AWS::S3::BucketPolicy");
            let tls_only = policies.iter().any(|(s, _, policy)| {
                s == &stack
                    && policy["Properties"]["Bucket"]["Ref"] == id.as_str()
                    && policy["Properties"]["PolicyDocument"]["Statement"]
                        .as_array()
                        .is_some_and(|statements| {
                            statements.iter().any(|st| {
                                st["Effect"] == "Deny"
                                    && st["Condition"]["Bool"]["aws:SecureTransport"] == "false"
                            })
                        })
            });
            assert!(tls_only, "{stack}/{id} has a TLS-only bucket policy");
            let is_log_bucket = stack.ends_with("-network");
            assert_eq!(
                p["LoggingConfiguration"].is_object(),
                !is_log_bucket,
                "{stack}/{id} access logging"
            );
        }
    }
}

#[test]
fn every_role_has_the_permissions_boundary_when_the_spec_names_one() {
    let roles = of_type(&retail(), "AWS::IAM::Role");
    assert!(roles.len() > 20);
    for (stack, id, role) in roles {
        assert_eq!(
            role["Properties"]["PermissionsBoundary"]["Fn::Sub"],
            "arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/developer-policy",
            "{stack}/{id}"
        );
    }
    for (stack, id, role) in of_type(&minimal(), "AWS::IAM::Role") {
        assert!(
            role["Properties"].get("PermissionsBoundary").is_none(),
            "{stack}/{id}"
        );
    }
}

#[test]
fn no_admin_no_inline_policies_no_world_database_ingress() {
    for (stack, id, resource) in resources(&retail()) {
        let text = resource.to_string();
        assert!(!text.contains("AdministratorAccess"), "{stack}/{id}");
        assert!(
            resource["Properties"].get("Policies").is_none(),
            "{stack}/{id} has inline policies"
        );
        if let Some(statements) = resource["Properties"]["PolicyDocument"]["Statement"].as_array() {
            for statement in statements.iter().filter(|s| s["Effect"] == "Allow") {
                let actions = match &statement["Action"] {
                    Value::Array(a) => a.clone(),
                    other => vec![other.clone()],
                };
                assert!(
                    !actions
                        .iter()
                        .any(|a| a == "*" || a.as_str().is_some_and(|a| a.ends_with(":*"))),
                    "{stack}/{id} grants a wildcard action"
                );
            }
        }
        let ingress: Vec<Value> = match resource["Type"].as_str() {
            Some("AWS::EC2::SecurityGroupIngress") => vec![resource["Properties"].clone()],
            Some("AWS::EC2::SecurityGroup") => resource["Properties"]["SecurityGroupIngress"]
                .as_array()
                .cloned()
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        for rule in ingress {
            assert_ne!(
                rule["CidrIp"], "0.0.0.0/0",
                "{stack}/{id} is open to the world"
            );
        }
    }
}

#[test]
fn keys_rotate_and_data_services_are_encrypted() {
    let assembly = retail();
    for (_, id, key) in of_type(&assembly, "AWS::KMS::Key") {
        assert_eq!(key["Properties"]["EnableKeyRotation"], true, "{id}");
    }
    for (_, id, group) in of_type(&assembly, "AWS::Logs::LogGroup") {
        assert!(group["Properties"]["KmsKeyId"].is_object(), "{id}");
    }
    for (_, id, stream) in of_type(&assembly, "AWS::Kinesis::Stream") {
        assert_eq!(
            stream["Properties"]["StreamEncryption"]["EncryptionType"], "KMS",
            "{id}"
        );
    }
    let clusters = of_type(&assembly, "AWS::Redshift::Cluster");
    assert_eq!(clusters.len(), 2);
    for (stack, id, cluster) in clusters {
        let p = &cluster["Properties"];
        assert_eq!(p["Encrypted"], true);
        assert_eq!(p["PubliclyAccessible"], false);
        assert_eq!(
            p["ManageMasterPassword"], true,
            "password in Secrets Manager"
        );
        assert_ne!(p["MasterUsername"], "awsuser");
        assert!(
            p["LoggingProperties"]["LogExports"]
                .to_string()
                .contains("useractivitylog")
        );
        let group = p["ClusterParameterGroupName"]["Ref"]
            .as_str()
            .expect("a parameter group");
        let parameters = of_type(&assembly, "AWS::Redshift::ClusterParameterGroup")
            .into_iter()
            .find(|(s, i, _)| s == &stack && i == group)
            .expect("the group is in the stack");
        assert!(
            parameters
                .2
                .to_string()
                .contains(r#"{"ParameterName":"require_ssl","ParameterValue":"true"}"#),
            "{stack}/{id}"
        );
    }
    for (_, _, cluster) in of_type(&assembly, "AWS::RDS::DBCluster") {
        assert_eq!(cluster["Properties"]["StorageEncrypted"], true);
        assert_eq!(cluster["Properties"]["ManageMasterUserPassword"], true);
    }
}

#[test]
fn firehose_lands_in_bronze_with_the_seed_prefix() {
    let streams = of_type(&retail(), "AWS::KinesisFirehose::DeliveryStream");
    assert_eq!(streams.len(), 1);
    let s3 = &streams[0].2["Properties"]["ExtendedS3DestinationConfiguration"];
    assert_eq!(
        s3["Prefix"],
        "clickstream/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/"
    );
    assert_eq!(
        s3["ErrorOutputPrefix"],
        "error/clickstream/!{firehose:error-output-type}/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/"
    );
    assert_eq!(
        s3["BucketARN"]["Fn::ImportValue"],
        "lakeforge-project-retail:bronzeBucketArn"
    );
    assert_eq!(s3["BufferingHints"]["IntervalInSeconds"], 300);
    // 5 MiB in the spec, raised to Firehose's minimum for Parquet conversion.
    assert_eq!(s3["BufferingHints"]["SizeInMBs"], 64);
}

#[test]
fn dms_replicates_with_the_spec_settings() {
    let assembly = retail();
    let configs = of_type(&assembly, "AWS::DMS::ReplicationConfig");
    assert_eq!(configs.len(), 1);
    let config = &configs[0].2["Properties"];
    assert_eq!(config["ReplicationType"], "full-load-and-cdc");
    assert_eq!(config["ComputeConfig"]["MaxCapacityUnits"], 16);
    let mappings = config["TableMappings"].to_string();
    assert!(
        mappings.contains(r#""schema-name":"c360","table-name":"%""#),
        "{mappings}"
    );
    assert!(
        mappings.contains(r#""rule-action":"rename""#) && mappings.contains(r#""value":"c360raw""#)
    );
    let target = of_type(&assembly, "AWS::DMS::Endpoint")
        .into_iter()
        .find(|(_, _, e)| e["Properties"]["EngineName"] == "s3")
        .expect("an S3 target");
    let s3 = &target.2["Properties"]["S3Settings"];
    assert_eq!(s3["DataFormat"], "parquet");
    assert_eq!(s3["TimestampColumnName"], "cdc_timestamp");
    assert_eq!(s3["IncludeOpForFullLoad"], true);
    assert_eq!(s3["DatePartitionEnabled"], true);
    assert_eq!(s3["DatePartitionSequence"], "YYYYMMDDHH");
    assert_eq!(s3["BucketFolder"], "dms");
    assert_eq!(s3["EncryptionMode"], "SSE_KMS");
    let source = of_type(&assembly, "AWS::DMS::Endpoint")
        .into_iter()
        .find(|(_, _, e)| e["Properties"]["EndpointType"] == "source")
        .expect("a source");
    assert_eq!(source.2["Properties"]["EngineName"], "mariadb");
    assert_eq!(
        source.2["Properties"]["MySqlSettings"]["SecretsManagerSecretId"]["Fn::ImportValue"],
        "lakeforge-simulator:DatabaseSecretArn"
    );
}

#[test]
fn the_same_spec_gives_byte_identical_files() {
    let first = tempfile::tempdir().unwrap();
    let second = tempfile::tempdir().unwrap();
    retail().write_to(first.path()).unwrap();
    retail().write_to(second.path()).unwrap();
    let mut names: Vec<_> = std::fs::read_dir(first.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert!(names.len() > 30);
    for name in names {
        let a = std::fs::read(first.path().join(&name)).unwrap();
        let b = std::fs::read(second.path().join(&name)).expect("the same files");
        assert!(a == b, "{name:?} differs");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn logical_ids_are_alphanumeric_bounded_and_path_sensitive(
        parts in proptest::collection::vec("[A-Za-z0-9_.:-]{1,40}", 1..6),
        other in "[A-Za-z0-9]{1,10}",
    ) {
        let refs: Vec<&str> = parts.iter().map(String::as_str).collect();
        let id = logical_id(&refs);
        prop_assert!(id.chars().all(|c| c.is_ascii_alphanumeric()));
        prop_assert!(id.len() <= 255 && id.starts_with(|c: char| c.is_ascii_alphabetic()));
        prop_assert_eq!(&id, &logical_id(&refs));
        let mut longer = refs.clone();
        longer.push(&other);
        prop_assert_ne!(id, logical_id(&longer));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn dms_settings_follow_any_spec(
        timestamp in "[a-z_]{3,12}",
        with_op in any::<bool>(),
        sequence in prop::sample::select(DatePartitionSequence::ALL.to_vec()),
        migration in prop::sample::select(MigrationType::ALL.to_vec()),
        prefix in "[a-z]{1,8}",
    ) {
        let cdc = CdcIngestion::new(
            CdcSource::secret(Engine::Postgres, "prod/db"),
            Destination::new("retail").prefix(prefix.clone()),
        )
        .timestamp_column(timestamp.clone())
        .include_op_for_full_load(with_op)
        .date_partition_sequence(sequence)
        .migration_type(migration);
        let settings = constructs::cdc::s3_settings(&cdc, &prefix);
        prop_assert_eq!(&settings["TimestampColumnName"], &Value::from(timestamp));
        prop_assert_eq!(&settings["IncludeOpForFullLoad"], &Value::from(with_op));
        prop_assert_eq!(&settings["DatePartitionSequence"], &Value::from(sequence.as_str()));
        prop_assert_eq!(&settings["BucketFolder"], &Value::from(prefix));

        let mut spec = retail_spec();
        spec.cdc.insert("orders".to_owned(), cdc);
        let assembly = synth(&spec, &examples_dir(), &SynthOptions::default()).unwrap();
        let stack = assembly.stack("lakeforge-cdc-orders").expect("a stack per cdc");
        let text = stack.template_json();
        let replication = format!("\"ReplicationType\": \"{}\"", migration.as_str());
        let secret = "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:prod/db-??????";
        prop_assert!(text.contains(&replication), "{}", replication);
        prop_assert!(text.contains(secret), "{}", secret);
        prop_assert!(text.contains("\"EngineName\": \"postgres\""), "postgres source");
    }

    #[test]
    fn firehose_prefix_follows_any_destination(prefix in "[a-z][a-z0-9-]{0,15}", interval in 0u32..=900, size in 1u32..=128) {
        let mut spec: Spec = retail_spec();
        let ingestion = spec.streaming.get_mut("c360-clickstream").unwrap();
        ingestion.destination.prefix = Some(prefix.clone());
        ingestion.buffer_interval_seconds = interval;
        ingestion.buffer_size_mb = size;
        let assembly = synth(&spec, &examples_dir(), &SynthOptions::default()).unwrap();
        let streams = of_type(&assembly, "AWS::KinesisFirehose::DeliveryStream");
        let s3 = &streams[0].2["Properties"]["ExtendedS3DestinationConfiguration"];
        prop_assert_eq!(&s3["Prefix"], &Value::from(constructs::streaming::record_prefix(&prefix)));
        prop_assert_eq!(&s3["Prefix"], &Value::from(format!("{prefix}/year=!{{timestamp:yyyy}}/month=!{{timestamp:MM}}/day=!{{timestamp:dd}}/hour=!{{timestamp:HH}}/")));
        prop_assert_eq!(&s3["BufferingHints"]["IntervalInSeconds"], &Value::from(interval));
        // The retail stream is the simulator's: Parquet conversion needs ≥ 64 MiB.
        let floor = constructs::streaming::CONVERSION_MIN_BUFFER_MB;
        prop_assert_eq!(&s3["BufferingHints"]["SizeInMBs"], &Value::from(size.max(floor)));
    }
}
