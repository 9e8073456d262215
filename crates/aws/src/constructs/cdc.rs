//! CDC with DMS Serverless: the `dms-vpc-role` stack and one stack per
//! `[cdc.<id>]` (endpoints, replication config, subnet group, security group).

use lakeforge_spec::{CdcIngestion, Engine, Location};
use serde_json::{Value, json};

use super::iam::{RoleSpec, allow, managed_policy, role};
use super::network::NetworkRefs;
use super::project::ProjectRefs;
use super::security_group::{allow_from_group, https_egress, security_group, tcp_to};
use crate::error::SynthError;
use crate::stack::{Export, StackBuilder};
use crate::template::intrinsics;

/// Builds the stack holding `dms-vpc-role`, the role DMS requires (by that
/// exact name) to manage its network interfaces.
pub(crate) fn build_vpc_role(stack: &mut StackBuilder) {
    let mut spec = RoleSpec::new(&["dms.amazonaws.com"], Vec::new());
    spec.name = Some("dms-vpc-role");
    spec.managed.push((
        managed_policy("service-role/AmazonDMSVPCManagementRole"),
        "DMS requires the role dms-vpc-role with exactly this AWS managed policy to manage its network interfaces.",
    ));
    role(stack, "DmsVpcRole", spec);
}

/// The simulator database, when it is the CDC source.
pub(crate) struct DatabaseRefs {
    pub(crate) secret_arn: Export,
    pub(crate) key_arn: Export,
    pub(crate) security_group: Export,
    pub(crate) port: u16,
}

/// Where the source connection comes from.
pub(crate) enum Source<'a> {
    /// A Secrets Manager secret named (or ARN'd) in the spec.
    Secret(&'a str),
    /// The simulator's Aurora database.
    Simulator(&'a DatabaseRefs),
    /// Neither: a stack parameter the deployer fills in.
    Parameter,
}

/// The DMS endpoint engine and its settings key, or why the engine cannot run on AWS.
fn engine(
    engine: Engine,
    construct: &str,
) -> Result<(&'static str, &'static str, u16), SynthError> {
    match engine {
        Engine::Mysql => Ok(("mysql", "MySqlSettings", 3306)),
        Engine::Mariadb => Ok(("mariadb", "MySqlSettings", 3306)),
        Engine::Postgres => Ok(("postgres", "PostgreSqlSettings", 5432)),
        Engine::Sqlite => Err(SynthError::UnsupportedOnAws {
            construct: construct.to_owned(),
            what: "the sqlite engine (DMS reads MySQL, MariaDB or PostgreSQL)".to_owned(),
        }),
    }
}

/// The DMS table mappings: selection rules for `include`/`exclude` and a
/// rename rule per `rename_schema` entry.
pub fn table_mappings(cdc: &CdcIngestion) -> Value {
    let split = |pattern: &str| {
        let (schema, table) = pattern.split_once('.').unwrap_or((pattern, "%"));
        json!({ "schema-name": schema, "table-name": table })
    };
    let mut rules = Vec::new();
    let selections = cdc
        .include
        .iter()
        .map(|p| (p, "include"))
        .chain(cdc.exclude.iter().map(|p| (p, "exclude")));
    for (pattern, action) in selections {
        let number = rules.len() + 1;
        rules.push(json!({
            "rule-type": "selection",
            "rule-id": number.to_string(),
            "rule-name": format!("{action}-{number}"),
            "object-locator": split(pattern),
            "rule-action": action,
        }));
    }
    for (from, to) in &cdc.rename_schema {
        let number = rules.len() + 1;
        rules.push(json!({
            "rule-type": "transformation",
            "rule-id": number.to_string(),
            "rule-name": format!("rename-{from}"),
            "rule-target": "schema",
            "object-locator": { "schema-name": from },
            "rule-action": "rename",
            "value": to,
        }));
    }
    json!({ "rules": rules })
}

/// The S3 target settings matching the spec (DMS S3-target semantics).
pub fn s3_settings(cdc: &CdcIngestion, prefix: &str) -> Value {
    json!({
        "BucketFolder": prefix,
        "DataFormat": "parquet",
        "ParquetVersion": "parquet-2-0",
        "TimestampColumnName": cdc.timestamp_column,
        "IncludeOpForFullLoad": cdc.include_op_for_full_load,
        "DatePartitionEnabled": true,
        "DatePartitionSequence": cdc.date_partition_sequence.as_str(),
        "DatePartitionDelimiter": "SLASH",
        "EncryptionMode": "SSE_KMS",
    })
}

/// What the CDC stack needs from earlier stacks.
pub(crate) struct Inputs<'a> {
    pub(crate) id: &'a str,
    pub(crate) cdc: &'a CdcIngestion,
    pub(crate) source: Source<'a>,
    pub(crate) network: &'a NetworkRefs,
    pub(crate) project: &'a ProjectRefs,
    /// The stack holding `dms-vpc-role`.
    pub(crate) vpc_role_stack: &'a str,
}

/// Builds the stack of CDC ingestion `inputs.id`.
pub(crate) fn build(stack: &mut StackBuilder, inputs: Inputs<'_>) -> Result<(), SynthError> {
    let id = inputs.id;
    let cdc = inputs.cdc;
    let construct = format!("[cdc.{id}]");
    let (engine_name, settings_key, default_port) = engine(cdc.source.engine, &construct)?;
    let port = match &inputs.source {
        Source::Simulator(database) => database.port,
        _ => default_port,
    };
    stack.depend_on_stack(inputs.vpc_role_stack);
    let (secret_arn, secret_key) = match &inputs.source {
        Source::Secret(secret) if secret.starts_with("arn:") => (json!(secret), None),
        Source::Secret(secret) => (
            intrinsics::arn(&format!(
                "secretsmanager:${{AWS::Region}}:${{AWS::AccountId}}:secret:{secret}-??????"
            )),
            None,
        ),
        Source::Simulator(database) => (
            stack.import(&database.secret_arn),
            Some(stack.import(&database.key_arn)),
        ),
        Source::Parameter => (
            stack.parameter(
                "SourceSecretArn",
                crate::template::Parameter {
                    kind: "String".to_owned(),
                    description: format!(
                        "ARN of the Secrets Manager secret holding the {engine_name} connection of {construct} (the spec gives no `secret`)"
                    ),
                    default: None,
                },
            ),
            None,
        ),
    };
    let mut access = vec![allow(
        &[
            "secretsmanager:GetSecretValue",
            "secretsmanager:DescribeSecret",
        ],
        vec![secret_arn.clone()],
    )];
    if let Some(key) = secret_key {
        access.push(allow(&["kms:Decrypt"], vec![key]));
    }
    let secret_role = role(
        stack,
        "Source/SecretRole",
        RoleSpec::new(
            &["dms.amazonaws.com", "dms.${AWS::Region}.amazonaws.com"],
            access,
        ),
    );
    let source = stack.add(
        "Source/Endpoint",
        "AWS::DMS::Endpoint",
        json!({
            "EndpointType": "source",
            "EngineName": engine_name,
            "EndpointIdentifier": format!("{id}-source"),
            "SslMode": "require",
            settings_key: {
                "SecretsManagerSecretId": secret_arn,
                "SecretsManagerAccessRoleArn": secret_role.arn(),
            },
        }),
    );

    let location = Location::Zone(cdc.destination.zone);
    let prefix = cdc
        .destination
        .effective_prefix(id)
        .trim_matches('/')
        .to_owned();
    let bucket = inputs.project.bucket_name(stack, location);
    let key = inputs.project.key_arn(stack);
    let target_access = inputs
        .project
        .bucket_access(stack, location, &format!("{prefix}/"), true);
    let target_role = role(
        stack,
        "Target/Role",
        RoleSpec::new(&["dms.amazonaws.com"], target_access).wildcards("DMS writes files with generated names under the ingestion's prefix only (Resource::<bucket>/<prefix>/*).")
    );
    let mut settings = s3_settings(cdc, &prefix);
    settings["BucketName"] = bucket;
    settings["ServiceAccessRoleArn"] = target_role.arn();
    settings["ServerSideEncryptionKmsKeyId"] = key;
    let target = stack.add(
        "Target/Endpoint",
        "AWS::DMS::Endpoint",
        json!({
            "EndpointType": "target",
            "EngineName": "s3",
            "EndpointIdentifier": format!("{id}-target"),
            "S3Settings": settings,
        }),
    );

    let subnets = inputs.network.private_subnets(stack);
    let vpc_id = inputs.network.vpc_id(stack);
    let vpc_cidr = inputs.network.vpc_cidr(stack);
    let subnet_group = stack.add(
        "Replication/SubnetGroup",
        "AWS::DMS::ReplicationSubnetGroup",
        json!({
            "ReplicationSubnetGroupDescription": format!("Private subnets of {construct}"),
            "SubnetIds": subnets,
        }),
    );
    let group = security_group(
        stack,
        "Replication/SecurityGroup",
        vpc_id,
        "DMS replication: the source database port inside the VPC and HTTPS; no ingress",
        vec![https_egress(), tcp_to(vpc_cidr, port, "Source database")],
    );
    if let Source::Simulator(database) = &inputs.source {
        let database_group = stack.import(&database.security_group);
        allow_from_group(
            stack,
            "Replication/SourceIngress",
            database_group,
            group.att("GroupId"),
            database.port,
            "DMS replication reads the simulator database",
        );
    }
    stack.add(
        "Replication/Config",
        "AWS::DMS::ReplicationConfig",
        json!({
            "ReplicationConfigIdentifier": id,
            "ReplicationType": cdc.migration_type.as_str(),
            "SourceEndpointArn": source.ref_(),
            "TargetEndpointArn": target.ref_(),
            "TableMappings": table_mappings(cdc),
            "ComputeConfig": {
                "MaxCapacityUnits": cdc.max_capacity_units,
                "MinCapacityUnits": cdc.min_capacity_units,
                "MultiAZ": false,
                "ReplicationSubnetGroupId": subnet_group.ref_(),
                "VpcSecurityGroupIds": [group.att("GroupId")],
            },
        }),
    );
    Ok(())
}
