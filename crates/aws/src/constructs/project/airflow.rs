//! The project's own MWAA environment: DAG bucket, security group, execution role.

use lakeforge_spec::Project;
use serde_json::{Value, json};

use super::Network;
use super::storage::Storage;
use crate::constructs::bucket::{
    BucketRef, BucketSpec, Encryption, access_statements, secure_bucket,
};
use crate::constructs::iam::{RoleSpec, allow, role};
use crate::constructs::nag::suppress_in_compliance_packs;
use crate::constructs::security_group::{https_egress, security_group, tcp_to};
use crate::stack::{Handle, StackBuilder};
use crate::template::intrinsics;

/// The environment's DAG bucket and execution role.
pub(crate) struct OwnAirflow {
    pub(crate) bucket: BucketRef,
    pub(crate) role: Handle,
}

/// Adds the MWAA environment of project `id`.
pub(crate) fn build(
    stack: &mut StackBuilder,
    id: &str,
    project: &Project,
    network: &Network,
    storage: &Storage,
) -> OwnAirflow {
    let name = format!("{id}-airflow");
    let bucket = secure_bucket(
        stack,
        "Airflow/Bucket",
        BucketSpec {
            name: Storage::bucket_name(id, "airflow"),
            encryption: Encryption::S3Managed,
            access_log: Some(storage.access_log("airflow")),
            lifecycle: Vec::new(),
            policy: Vec::new(),
        },
    );
    suppress_in_compliance_packs(
        stack,
        &bucket.handle,
        "S3DefaultEncryptionKMS",
        "MWAA reads its DAG bucket with the environment's key; a customer key here would have to become the environment's key too. The bucket holds code, not data.",
    );
    let environment_arn = intrinsics::arn(&format!(
        "airflow:${{AWS::Region}}:${{AWS::AccountId}}:environment/{name}"
    ));
    let logs_arn = intrinsics::arn(&format!(
        "logs:${{AWS::Region}}:${{AWS::AccountId}}:log-group:airflow-{name}-*"
    ));
    let mut statements = vec![
        allow(&["airflow:PublishMetrics"], vec![environment_arn]),
        allow(&["s3:GetAccountPublicAccessBlock"], vec![json!("*")]),
        allow(
            &[
                "logs:CreateLogStream",
                "logs:CreateLogGroup",
                "logs:PutLogEvents",
                "logs:GetLogEvents",
                "logs:GetLogRecord",
                "logs:GetLogGroupFields",
                "logs:GetQueryResults",
            ],
            vec![logs_arn],
        ),
        allow(
            &["logs:DescribeLogGroups", "cloudwatch:PutMetricData"],
            vec![json!("*")],
        ),
        allow(
            &[
                "sqs:ChangeMessageVisibility",
                "sqs:DeleteMessage",
                "sqs:GetQueueAttributes",
                "sqs:GetQueueUrl",
                "sqs:ReceiveMessage",
                "sqs:SendMessage",
            ],
            vec![intrinsics::arn("sqs:${AWS::Region}:*:airflow-celery-*")],
        ),
        json!({
            "Effect": "Allow",
            "Action": ["kms:Decrypt", "kms:DescribeKey", "kms:GenerateDataKey*", "kms:Encrypt"],
            "NotResource": intrinsics::arn("kms:*:${AWS::AccountId}:key/*"),
            "Condition": { "StringLike": { "kms:ViaService": [intrinsics::sub("sqs.${AWS::Region}.amazonaws.com")] } },
        }),
    ];
    statements.extend(access_statements(&bucket.arn(), "", None, false));
    let execution_role = role(
        stack,
        "Airflow/Role",
        RoleSpec::new(&["airflow.amazonaws.com", "airflow-env.amazonaws.com"], statements).wildcards("MWAA's documented execution policy: its Celery queues and log groups are created by the service with generated names (airflow-celery-*, airflow-<env>-*); metrics and public-access checks have no resource."),
    );

    let group = security_group(
        stack,
        "Airflow/SecurityGroup",
        network.vpc_id.clone(),
        "MWAA: its own members, HTTPS, and the warehouses of the project in the VPC",
        vec![
            https_egress(),
            tcp_to(network.vpc_cidr.clone(), 5439, "Redshift ETL cluster"),
            tcp_to(network.vpc_cidr.clone(), 5440, "Redshift Serverless"),
        ],
    );
    let self_ingress = stack.add(
        "Airflow/SecurityGroup/SelfIngress",
        "AWS::EC2::SecurityGroupIngress",
        json!({
            "GroupId": group.att("GroupId"),
            "SourceSecurityGroupId": group.att("GroupId"),
            "IpProtocol": "-1",
            "Description": "MWAA components talk to each other",
        }),
    );
    suppress_in_compliance_packs(
        stack,
        &self_ingress,
        "EC2RestrictedCommonPorts",
        "The only source is the MWAA security group itself (its web server, schedulers and workers), as MWAA requires; no address range is allowed.",
    );
    stack.add(
        "Airflow/SecurityGroup/SelfEgress",
        "AWS::EC2::SecurityGroupEgress",
        json!({
            "GroupId": group.att("GroupId"),
            "DestinationSecurityGroupId": group.att("GroupId"),
            "IpProtocol": "-1",
            "Description": "MWAA components talk to each other",
        }),
    );
    let logging = |enabled: bool| json!({ "Enabled": enabled, "LogLevel": "INFO" });
    let subnets: Vec<Value> = network.subnets.iter().take(2).cloned().collect();
    let environment = stack.add(
        "Airflow/Environment",
        "AWS::MWAA::Environment",
        json!({
            "Name": name,
            "AirflowVersion": project.airflow_version,
            "EnvironmentClass": project.airflow_env_class.as_str(),
            "MaxWorkers": project.airflow_max_workers,
            "MinWorkers": 1,
            "WebserverAccessMode": project.airflow_access_mode.as_str(),
            "SourceBucketArn": bucket.arn(),
            "DagS3Path": "dags",
            "ExecutionRoleArn": execution_role.arn(),
            "NetworkConfiguration": {
                "SubnetIds": subnets,
                "SecurityGroupIds": [group.att("GroupId")],
            },
            "LoggingConfiguration": {
                "DagProcessingLogs": logging(true),
                "SchedulerLogs": logging(true),
                "TaskLogs": logging(true),
                "WebserverLogs": logging(true),
                "WorkerLogs": logging(true),
            },
        }),
    );
    stack.output(
        "AirflowWebserverUrl",
        "The Airflow web server",
        environment.att("WebserverUrl"),
    );
    OwnAirflow {
        bucket,
        role: execution_role,
    }
}
