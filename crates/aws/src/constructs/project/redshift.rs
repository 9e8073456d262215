//! The Redshift ETL cluster (paused after deployment) and the Redshift
//! Serverless namespace + workgroup of a project.

use std::collections::BTreeMap;

use lakeforge_spec::{Location, Project, Zone};
use serde_json::{Value, json};

use super::storage::Storage;
use super::{Network, glue_database};
use crate::constructs::bucket::access_statements;
use crate::constructs::iam::{RoleSpec, allow, role};
use crate::constructs::lambda::{Code, LATEST_PYTHON, Placement, RunOnce, run_once};
use crate::constructs::security_group::{https_egress, security_group};
use crate::stack::StackBuilder;
use crate::template::{DeletionPolicy, intrinsics};

/// Port of the provisioned ETL cluster (not the default 5439).
pub(crate) const CLUSTER_PORT: u16 = 5441;
/// Port of the serverless workgroup (the seed's).
pub(crate) const SERVERLESS_PORT: u16 = 5440;

/// The pause function run once after deployment.
const PAUSE_CODE: &str = r#"import os

import boto3


def handler(event, context):
    cluster = os.environ["CLUSTER_ID"]
    client = boto3.client("redshift")
    try:
        client.pause_cluster(ClusterIdentifier=cluster)
    except client.exceptions.InvalidClusterStateFault as error:
        return f"{cluster} not paused: {error}"
    return f"pausing {cluster}"
"#;

/// What the DAGs need to know about the cluster.
pub(crate) struct Redshift {
    pub(crate) cluster_id: String,
    pub(crate) cluster_arn: Value,
}

/// Adds the ETL cluster, its pause-after-deploy action and the serverless workgroup.
pub(crate) fn build(
    stack: &mut StackBuilder,
    id: &str,
    project: &Project,
    network: &Network,
    storage: &Storage,
) -> Redshift {
    let cluster_id = format!("{id}-etl-cluster");
    let user = format!("{}_admin", id.replace('-', "_"));
    let database = id.replace('-', "_");
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
    statements.push(glue_read(id));
    let data_role = role(
        stack,
        "Redshift/DataRole",
        RoleSpec::new(&["redshift.amazonaws.com", "redshift-serverless.amazonaws.com"], statements).wildcards("COPY, UNLOAD and Spectrum read any object and table of this project's zones and Glue databases (Resource::<bucket>/*, table/<db>/*).")
    );

    let group = security_group(
        stack,
        "Redshift/SecurityGroup",
        network.vpc_id.clone(),
        "Redshift: reachable from inside the VPC only",
        vec![https_egress()],
    );
    for (name, port) in [("Cluster", CLUSTER_PORT), ("Serverless", SERVERLESS_PORT)] {
        stack.add(
            &format!("Redshift/SecurityGroup/{name}Ingress"),
            "AWS::EC2::SecurityGroupIngress",
            json!({
                "GroupId": group.att("GroupId"),
                "IpProtocol": "tcp",
                "FromPort": port,
                "ToPort": port,
                "CidrIp": network.vpc_cidr,
                "Description": format!("Redshift {name} from inside the VPC"),
            }),
        );
    }
    let subnets = stack.add(
        "Redshift/SubnetGroup",
        "AWS::Redshift::ClusterSubnetGroup",
        json!({ "Description": format!("Private subnets of {cluster_id}"), "SubnetIds": network.subnets }),
    );
    let parameters = stack.add(
        "Redshift/ParameterGroup",
        "AWS::Redshift::ClusterParameterGroup",
        json!({
            "Description": format!("TLS-only, audited {cluster_id}"),
            "ParameterGroupFamily": "redshift-1.0",
            "Parameters": [
                { "ParameterName": "require_ssl", "ParameterValue": "true" },
                { "ParameterName": "enable_user_activity_logging", "ParameterValue": "true" },
                { "ParameterName": "max_concurrency_scaling_clusters", "ParameterValue": project.redshift_concurrency_limit.to_string() },
            ],
        }),
    );
    let multi_node = project.redshift_etl_node_count > 1;
    let mut cluster_properties = json!({
        "ClusterIdentifier": cluster_id,
        "ClusterType": if multi_node { "multi-node" } else { "single-node" },
        "NodeType": project.redshift_etl_node_type.as_str(),
        "DBName": database,
        "MasterUsername": user,
        "ManageMasterPassword": true,
        "MasterPasswordSecretKmsKeyId": key,
        "Encrypted": true,
        "KmsKeyId": key,
        "PubliclyAccessible": false,
        "EnhancedVpcRouting": true,
        "Port": CLUSTER_PORT,
        "ClusterSubnetGroupName": subnets.ref_(),
        "VpcSecurityGroupIds": [group.att("GroupId")],
        "ClusterParameterGroupName": parameters.ref_(),
        "IamRoles": [data_role.arn()],
        "AutomatedSnapshotRetentionPeriod": 7,
        "AllowVersionUpgrade": true,
        "PreferredMaintenanceWindow": "sun:03:00-sun:03:30",
        "LoggingProperties": {
            "LogDestinationType": "cloudwatch",
            "LogExports": ["connectionlog", "useractivitylog", "userlog"],
        },
    });
    if multi_node {
        cluster_properties["NumberOfNodes"] = json!(project.redshift_etl_node_count);
    }
    let cluster = stack.add(
        "Redshift/EtlCluster",
        "AWS::Redshift::Cluster",
        cluster_properties,
    );
    stack.resource_mut(&cluster).deletion_policy = Some(DeletionPolicy::Snapshot);
    let cluster_arn = intrinsics::arn(&format!(
        "redshift:${{AWS::Region}}:${{AWS::AccountId}}:cluster:{cluster_id}"
    ));

    let (_, pause) = run_once(
        stack,
        "Redshift/PauseAfterDeploy",
        RunOnce {
            code: Code::Inline(PAUSE_CODE.to_owned()),
            handler: "index.handler",
            runtime: LATEST_PYTHON,
            timeout_seconds: 60,
            environment: BTreeMap::from([("CLUSTER_ID".to_owned(), json!(cluster_id))]),
            statements: vec![allow(&["redshift:PauseCluster"], vec![cluster_arn.clone()])],
            placement: Placement {
                vpc_id: network.vpc_id.clone(),
                subnets: network.subnets.clone(),
            },
            key: &storage.key,
            wildcards: None,
        },
    );
    stack.depends_on(&pause, &cluster);

    let namespace = stack.add(
        "RedshiftServerless/Namespace",
        "AWS::RedshiftServerless::Namespace",
        json!({
            "NamespaceName": format!("{id}-namespace"),
            "AdminUsername": user,
            "ManageAdminPassword": true,
            "AdminPasswordSecretKmsKeyId": key,
            "DbName": database,
            "KmsKeyId": key,
            "IamRoles": [data_role.arn()],
            "DefaultIamRoleArn": data_role.arn(),
            "LogExports": ["connectionlog", "useractivitylog", "userlog"],
        }),
    );
    stack.resource_mut(&namespace).deletion_policy = Some(DeletionPolicy::Retain);
    let workgroup = stack.add(
        "RedshiftServerless/Workgroup",
        "AWS::RedshiftServerless::Workgroup",
        json!({
            "WorkgroupName": format!("{id}-workgroup"),
            "NamespaceName": format!("{id}-namespace"),
            "BaseCapacity": project.redshift_serverless_base_rpu,
            "MaxCapacity": project.redshift_serverless_rpu_limit,
            "Port": SERVERLESS_PORT,
            "PubliclyAccessible": false,
            "EnhancedVpcRouting": true,
            "SubnetIds": network.subnets,
            "SecurityGroupIds": [group.att("GroupId")],
            "ConfigParameters": [
                { "ParameterKey": "require_ssl", "ParameterValue": "true" },
                { "ParameterKey": "enable_user_activity_logging", "ParameterValue": "true" },
            ],
        }),
    );
    stack.depends_on(&workgroup, &namespace);
    Redshift {
        cluster_id,
        cluster_arn,
    }
}

/// Reading the project's Glue databases and tables.
pub(crate) fn glue_read(id: &str) -> Value {
    let mut resources = vec![intrinsics::arn(
        "glue:${AWS::Region}:${AWS::AccountId}:catalog",
    )];
    for zone in [Zone::Bronze, Zone::Silver, Zone::Gold] {
        let database = glue_database(id, zone);
        resources.push(intrinsics::arn(&format!(
            "glue:${{AWS::Region}}:${{AWS::AccountId}}:database/{database}"
        )));
        resources.push(intrinsics::arn(&format!(
            "glue:${{AWS::Region}}:${{AWS::AccountId}}:table/{database}/*"
        )));
    }
    allow(
        &[
            "glue:GetDatabase",
            "glue:GetDatabases",
            "glue:GetTable",
            "glue:GetTables",
            "glue:GetPartition",
            "glue:GetPartitions",
            "glue:BatchGetPartition",
        ],
        resources,
    )
}
