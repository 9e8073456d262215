//! EMR for a project: EMR Serverless (Spark), EMR Studio, and what the
//! transient cluster created by the Airflow DAG needs (security
//! configuration, service and instance roles).

use std::collections::BTreeMap;

use lakeforge_spec::{Location, Project, Zone};
use serde_json::{Value, json};

use super::Network;
use super::redshift::glue_read;
use super::storage::Storage;
use crate::constructs::bucket::access_statements;
use crate::constructs::iam::{RoleSpec, allow, managed_policy, role};
use crate::constructs::security_group::{https_egress, security_group};
use crate::stack::StackBuilder;
use crate::template::intrinsics;

/// The EMR release of the serverless application and the transient cluster.
pub(crate) const RELEASE: &str = "emr-7.2.0";

/// What the DAGs and Airflow need from EMR.
pub(crate) struct Emr {
    /// Settings for the DAG config parameter.
    pub(crate) config: BTreeMap<String, Value>,
    /// What Airflow may do to run the transient cluster.
    pub(crate) airflow_statements: Vec<Value>,
}

/// Data access of Spark jobs: read bronze, write silver and gold, write logs.
fn data_statements(id: &str, storage: &Storage) -> Vec<Value> {
    let key = storage.key.arn();
    let mut statements = Vec::new();
    for zone in [Zone::Bronze, Zone::Silver, Zone::Gold] {
        let bucket = &storage.buckets[&Location::Zone(zone)];
        statements.extend(access_statements(
            &bucket.arn(),
            "",
            Some(&key),
            zone != Zone::Bronze,
        ));
    }
    let docs = &storage.buckets[&Location::Datadocs];
    statements.extend(access_statements(&docs.arn(), "emr/", Some(&key), true));
    statements.push(glue_read(id));
    statements
}

const DATA_REASON: &str = "Spark jobs read and write any object and table of this project's zones and Glue databases (Resource::<bucket>/*, table/<db>/*).";

/// Adds the EMR resources of project `id`.
pub(crate) fn build(
    stack: &mut StackBuilder,
    id: &str,
    project: &Project,
    network: &Network,
    storage: &Storage,
) -> Emr {
    let key = storage.key.arn();
    let security = stack.add(
        "Emr/SecurityConfiguration",
        "AWS::EMR::SecurityConfiguration",
        json!({
            "Name": format!("{id}-emr-security"),
            "SecurityConfiguration": {
                "EncryptionConfiguration": {
                    "EnableAtRestEncryption": true,
                    "EnableInTransitEncryption": false,
                    "AtRestEncryptionConfiguration": {
                        "S3EncryptionConfiguration": { "EncryptionMode": "SSE-KMS", "AwsKmsKey": key },
                        "LocalDiskEncryptionConfiguration": {
                            "EncryptionKeyProviderType": "AwsKms",
                            "AwsKmsKey": key,
                            "EnableEbsEncryption": true,
                        },
                    },
                },
            },
        }),
    );

    let instance_role = role(
        stack,
        "Emr/InstanceRole",
        RoleSpec::new(&["ec2.amazonaws.com"], data_statements(id, storage)).wildcards(DATA_REASON),
    );
    let instance_profile = stack.add(
        "Emr/InstanceProfile",
        "AWS::IAM::InstanceProfile",
        json!({ "Roles": [instance_role.ref_()] }),
    );
    let mut service = RoleSpec::new(
        &["elasticmapreduce.amazonaws.com"],
        vec![
            allow(&["iam:PassRole"], vec![instance_role.arn()]),
            allow(
                &["kms:CreateGrant", "kms:Decrypt", "kms:GenerateDataKey"],
                vec![key.clone()],
            ),
        ],
    );
    service.managed.push((
        managed_policy("service-role/AmazonEMRServicePolicy_v2"),
        "EMR needs its service policy to launch and scale cluster instances; v2 only acts on resources tagged for EMR.",
    ));
    let service_role = role(stack, "Emr/ServiceRole", service);

    let serverless_role = role(
        stack,
        "EmrServerless/JobRole",
        RoleSpec::new(
            &["emr-serverless.amazonaws.com"],
            data_statements(id, storage),
        )
        .wildcards(DATA_REASON),
    );
    let spark = security_group(
        stack,
        "EmrServerless/SecurityGroup",
        network.vpc_id.clone(),
        "EMR Serverless: HTTPS to AWS APIs only",
        vec![https_egress()],
    );
    let application = stack.add(
        "EmrServerless/Application",
        "AWS::EMRServerless::Application",
        json!({
            "Name": format!("{id}-spark"),
            "ReleaseLabel": RELEASE,
            "Type": "Spark",
            "AutoStartConfiguration": { "Enabled": true },
            "AutoStopConfiguration": { "Enabled": true, "IdleTimeoutMinutes": 15 },
            "MaximumCapacity": { "Cpu": "64 vCPU", "Memory": "256 GB" },
            "NetworkConfiguration": {
                "SubnetIds": network.subnets,
                "SecurityGroupIds": [spark.att("GroupId")],
            },
        }),
    );

    let workspace = security_group(
        stack,
        "EmrStudio/WorkspaceSecurityGroup",
        network.vpc_id.clone(),
        "EMR Studio workspaces: HTTPS and the notebook engine",
        vec![https_egress()],
    );
    let engine = security_group(
        stack,
        "EmrStudio/EngineSecurityGroup",
        network.vpc_id.clone(),
        "EMR Studio engine: reachable from the workspaces only",
        vec![https_egress()],
    );
    stack.add(
        "EmrStudio/EngineIngress",
        "AWS::EC2::SecurityGroupIngress",
        json!({
            "GroupId": engine.att("GroupId"),
            "SourceSecurityGroupId": workspace.att("GroupId"),
            "IpProtocol": "tcp",
            "FromPort": 18888,
            "ToPort": 18888,
            "Description": "Notebook engine from the workspaces",
        }),
    );
    stack.add(
        "EmrStudio/WorkspaceEgress",
        "AWS::EC2::SecurityGroupEgress",
        json!({
            "GroupId": workspace.att("GroupId"),
            "DestinationSecurityGroupId": engine.att("GroupId"),
            "IpProtocol": "tcp",
            "FromPort": 18888,
            "ToPort": 18888,
            "Description": "Workspaces to the notebook engine",
        }),
    );
    let docs = &storage.buckets[&Location::Datadocs];
    let mut studio_statements = access_statements(&docs.arn(), "emr-studio/", Some(&key), true);
    studio_statements.push(allow(
        &[
            "ec2:CreateNetworkInterface",
            "ec2:CreateNetworkInterfacePermission",
            "ec2:DeleteNetworkInterface",
            "ec2:DeleteNetworkInterfacePermission",
            "ec2:DescribeNetworkInterfaces",
            "ec2:ModifyNetworkInterfaceAttribute",
            "ec2:AuthorizeSecurityGroupEgress",
            "ec2:AuthorizeSecurityGroupIngress",
            "ec2:RevokeSecurityGroupEgress",
            "ec2:RevokeSecurityGroupIngress",
            "ec2:DescribeSecurityGroups",
            "ec2:DescribeSubnets",
            "ec2:DescribeVpcs",
            "ec2:DescribeInstances",
            "ec2:CreateTags",
            "elasticmapreduce:ListInstances",
            "elasticmapreduce:DescribeCluster",
            "elasticmapreduce:ListSteps",
        ],
        vec![json!("*")],
    ));
    let studio_role = role(
        stack,
        "EmrStudio/ServiceRole",
        RoleSpec::new(&["elasticmapreduce.amazonaws.com"], studio_statements).wildcards("EMR Studio's documented service permissions: it creates and tags network interfaces and security group rules with generated ids (Resource::*); notebooks live under datadocs/emr-studio/."),
    );
    stack.add(
        "EmrStudio/Studio",
        "AWS::EMR::Studio",
        json!({
            "Name": format!("{id}-studio"),
            "AuthMode": "IAM",
            "DefaultS3Location": intrinsics::join("", vec![json!("s3://"), docs.name(), json!("/emr-studio/")]),
            "EngineSecurityGroupId": engine.att("GroupId"),
            "WorkspaceSecurityGroupId": workspace.att("GroupId"),
            "ServiceRole": studio_role.arn(),
            "SubnetIds": network.subnets,
            "VpcId": network.vpc_id,
        }),
    );

    let config = BTreeMap::from([
        ("emr_release".to_owned(), json!(RELEASE)),
        (
            "emr_master_type".to_owned(),
            json!(project.emr_transient_master_type),
        ),
        (
            "emr_core_type".to_owned(),
            json!(project.emr_transient_core_type),
        ),
        (
            "emr_worker_type".to_owned(),
            json!(project.emr_transient_worker_type),
        ),
        (
            "emr_core_size".to_owned(),
            json!(project.emr_transient_core_size),
        ),
        (
            "emr_worker_min_size".to_owned(),
            json!(project.emr_transient_worker_min_size),
        ),
        (
            "emr_worker_max_size".to_owned(),
            json!(project.emr_transient_worker_max_size),
        ),
        ("emr_security_configuration".to_owned(), security.ref_()),
        ("emr_service_role".to_owned(), service_role.ref_()),
        ("emr_instance_profile".to_owned(), instance_profile.ref_()),
        ("emr_subnet".to_owned(), network.subnets[0].clone()),
        (
            "emr_serverless_application".to_owned(),
            application.att("ApplicationId"),
        ),
        ("emr_serverless_role".to_owned(), serverless_role.arn()),
    ]);
    let clusters = intrinsics::arn("elasticmapreduce:${AWS::Region}:${AWS::AccountId}:cluster/*");
    let airflow_statements = vec![
        allow(&["elasticmapreduce:RunJobFlow"], vec![json!("*")]),
        allow(
            &[
                "elasticmapreduce:DescribeCluster",
                "elasticmapreduce:AddJobFlowSteps",
                "elasticmapreduce:DescribeStep",
                "elasticmapreduce:TerminateJobFlows",
            ],
            vec![clusters],
        ),
        allow(
            &["iam:PassRole"],
            vec![
                service_role.arn(),
                instance_role.arn(),
                serverless_role.arn(),
            ],
        ),
        allow(
            &[
                "emr-serverless:StartJobRun",
                "emr-serverless:GetJobRun",
                "emr-serverless:CancelJobRun",
            ],
            vec![
                application.arn(),
                intrinsics::join("", vec![application.arn(), json!("/jobruns/*")]),
            ],
        ),
    ];
    Emr {
        config,
        airflow_statements,
    }
}
