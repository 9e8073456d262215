//! The simulator stack: an encrypted, private Aurora MySQL database (schema
//! `c360`) and a Glue Python shell job that simulates the retail business into
//! it and into the clickstream.

use lakeforge_spec::Simulator;
use serde_json::json;

use super::cdc::DatabaseRefs;
use super::iam::{RoleSpec, allow, managed_policy, role};
use super::kms;
use super::nag::suppress_in_compliance_packs;
use super::network::NetworkRefs;
use super::security_group::{allow_from_group, https_egress, security_group};
use super::streams::StreamRef;
use crate::assets::Asset;
use crate::stack::StackBuilder;
use crate::template::{DeletionPolicy, intrinsics};

/// The database port (not MySQL's default 3306).
const PORT: u16 = 3307;

/// The Glue job's script: a small, seeded simulation of customers, products,
/// orders and clicks (the full simulator runs locally with `lakeforge`; the
/// aws README lists what differs). Its events carry every clickstream field
/// of [`lakeforge_spec::CLICKSTREAM_COLUMNS`] (null when it does not apply),
/// timestamps in the simulator's ISO form, so that Firehose's Parquet
/// conversion reads them; its tables use the simulator's `c360` column names.
pub fn script(simulator: &Simulator) -> String {
    let fields = lakeforge_spec::CLICKSTREAM_COLUMNS
        .iter()
        .map(|(name, _)| format!("\"{name}\""))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        r#""""lakeforge retail simulator (Glue Python shell): c360 tables and a clickstream."""
import json
import random
import sys
from datetime import date, datetime, timedelta

import boto3
import pymysql
from awsglue.utils import getResolvedOptions

ARGS = getResolvedOptions(sys.argv, ["DB_SECRET_ARN", "STREAM_NAME"])
CUSTOMERS, PRODUCTS, DAYS, SEED = {customers}, {products}, {days}, {seed}
START = date.fromisoformat("{start}")
ACTIONS = ["view", "search", "add_to_cart", "checkout", "rate", "support_chat"]
PLATFORMS = ["web", "ios", "android"]
# Every event has every field of the simulator's clickstream (null when it does not apply).
FIELDS = [{fields}]


def iso(moment):
    """The simulator's timestamp form: 2026-01-01T09:30:00.123Z (UTC)."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (moment.microsecond // 1000)


secret = json.loads(boto3.client("secretsmanager").get_secret_value(SecretId=ARGS["DB_SECRET_ARN"])["SecretString"])
db = pymysql.connect(host=secret["host"], user=secret["username"], password=secret["password"],
                     port=int(secret.get("port", 3307)), ssl={{"ssl": {{}}}}, autocommit=True)
kinesis = boto3.client("kinesis")
rng = random.Random(SEED)

with db.cursor() as cur:
    cur.execute("CREATE DATABASE IF NOT EXISTS c360")
    cur.execute("CREATE TABLE IF NOT EXISTS c360.customer (customer_id BIGINT PRIMARY KEY, anonymous_id VARCHAR(36), "
                "age INT, gender VARCHAR(1), preferred_platform VARCHAR(8), created_at DATETIME(3))")
    cur.execute("CREATE TABLE IF NOT EXISTS c360.product (product_id BIGINT PRIMARY KEY, price DECIMAL(12,2), "
                "updated_at DATETIME(3))")
    cur.execute("CREATE TABLE IF NOT EXISTS c360.order_items (order_item_id BIGINT PRIMARY KEY, order_id BIGINT, "
                "customer_id BIGINT, product_id BIGINT, quantity INT, unit_price DECIMAL(12,2), status VARCHAR(16), "
                "ordered_at DATETIME(3))")
    created = datetime.combine(START, datetime.min.time())
    for customer in range(1, CUSTOMERS + 1):
        cur.execute("REPLACE INTO c360.customer VALUES (%s, %s, %s, %s, %s, %s)",
                    (customer, "anon-%08d" % customer, rng.randint(18, 80), rng.choice("FM"), rng.choice(PLATFORMS), created))
    prices = {{}}
    for product in range(1, PRODUCTS + 1):
        prices[product] = round(rng.uniform(2, 500), 2)
        cur.execute("REPLACE INTO c360.product VALUES (%s, %s, %s)", (product, prices[product], created))
    event_id = order = 0
    for day in range(DAYS):
        for customer in rng.sample(range(1, CUSTOMERS + 1), k=max(1, CUSTOMERS // 10)):
            when = datetime.combine(START + timedelta(days=day), datetime.min.time()) + timedelta(minutes=rng.randint(0, 1439))
            product = rng.randint(1, PRODUCTS)
            action = rng.choice(ACTIONS)
            event_id += 1
            event = dict.fromkeys(FIELDS)
            event.update(event_id=event_id, event_type=action, action=action, timestamp=iso(when),
                         visitor_id="anon-%08d" % customer, user_id=customer, session_id=event_id,
                         platform=rng.choice(PLATFORMS), url="/product/%d" % product,
                         product_id=product, price=prices[product])
            if action == "add_to_cart":
                event.update(quantity=1, cart_id=customer)
            if action == "checkout":
                order += 1
                event.update(url="/checkout", cart_id=customer, order_id=order,
                             items=[{{"product_id": product, "quantity": 1, "unit_price": prices[product]}}])
                cur.execute("REPLACE INTO c360.order_items VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                            (order, order, customer, product, 1, prices[product], "placed", when))
            if action == "rate":
                event.update(rating=rng.randint(1, 5))
            if ARGS["STREAM_NAME"]:
                kinesis.put_record(StreamName=ARGS["STREAM_NAME"], Data=json.dumps(event).encode(),
                                   PartitionKey=event["visitor_id"])
"#,
        customers = simulator.customers,
        products = simulator.products,
        days = simulator.days,
        seed = simulator.seed,
        start = simulator.start_date,
    )
}

/// Builds the simulator stack; returns the database for CDC.
pub(crate) fn build(
    stack: &mut StackBuilder,
    simulator: &Simulator,
    stream: Option<(&str, &StreamRef)>,
    network: &NetworkRefs,
) -> DatabaseRefs {
    let key = kms::key(
        stack,
        "Key",
        "Encrypts the simulator database, its secret and the job's logs",
    );
    let vpc_id = network.vpc_id(stack);
    let subnets = network.private_subnets(stack);

    let database_group = security_group(
        stack,
        "Database/SecurityGroup",
        vpc_id.clone(),
        "Simulator database: MySQL from the simulator job (and CDC) only",
        vec![https_egress()],
    );
    let subnet_group = stack.add(
        "Database/SubnetGroup",
        "AWS::RDS::DBSubnetGroup",
        json!({ "DBSubnetGroupDescription": "Private subnets of the simulator database", "SubnetIds": subnets }),
    );
    let parameters = stack.add(
        "Database/Parameters",
        "AWS::RDS::DBClusterParameterGroup",
        json!({
            "Description": "TLS only; row-based binlog for CDC",
            "Family": "aurora-mysql8.0",
            "Parameters": {
                "require_secure_transport": "ON",
                "binlog_format": "ROW",
                "binlog_row_image": "full",
            },
        }),
    );
    let cluster = stack.add(
        "Database/Cluster",
        "AWS::RDS::DBCluster",
        json!({
            "Engine": "aurora-mysql",
            "EngineVersion": "8.0.mysql_aurora.3.10.3",
            "DatabaseName": "c360",
            "MasterUsername": "c360_admin",
            "ManageMasterUserPassword": true,
            "MasterUserSecret": { "KmsKeyId": key.arn() },
            "StorageEncrypted": true,
            "KmsKeyId": key.arn(),
            "Port": PORT,
            "DBSubnetGroupName": subnet_group.ref_(),
            "VpcSecurityGroupIds": [database_group.att("GroupId")],
            "DBClusterParameterGroupName": parameters.ref_(),
            "BackupRetentionPeriod": 7,
            "DeletionProtection": true,
            "EnableIAMDatabaseAuthentication": true,
            "CopyTagsToSnapshot": true,
            "EnableCloudwatchLogsExports": ["audit", "error", "general", "slowquery"],
            "ServerlessV2ScalingConfiguration": { "MinCapacity": 0.5, "MaxCapacity": 4 },
        }),
    );
    stack.resource_mut(&cluster).deletion_policy = Some(DeletionPolicy::Snapshot);
    stack.suppress(
        &cluster,
        "AwsSolutions-RDS14",
        "Backtrack is not available with Aurora Serverless v2 instances; automated backups give point-in-time restore over 7 days.",
    );
    let mut monitoring = RoleSpec::new(&["monitoring.rds.amazonaws.com"], Vec::new());
    monitoring.managed.push((
        managed_policy("service-role/AmazonRDSEnhancedMonitoringRole"),
        "RDS enhanced monitoring publishes OS metrics only through this AWS managed policy.",
    ));
    let monitoring = role(stack, "Database/MonitoringRole", monitoring);
    let instance = stack.add(
        "Database/Instance",
        "AWS::RDS::DBInstance",
        json!({
            "DBClusterIdentifier": cluster.ref_(),
            "DBInstanceClass": "db.serverless",
            "Engine": "aurora-mysql",
            "PubliclyAccessible": false,
            "AutoMinorVersionUpgrade": true,
            "MonitoringInterval": 60,
            "MonitoringRoleArn": monitoring.arn(),
        }),
    );
    suppress_in_compliance_packs(
        stack,
        &instance,
        "RDSInBackupPlan",
        "Simulated data, regenerated by the job at will; automated backups give point-in-time restore over 7 days.",
    );
    let secret_arn = cluster.att("MasterUserSecret.SecretArn");

    let job_group = security_group(
        stack,
        "Job/SecurityGroup",
        vpc_id,
        "Simulator job: HTTPS and the simulator database",
        vec![https_egress()],
    );
    stack.add(
        "Job/SecurityGroup/SelfIngress",
        "AWS::EC2::SecurityGroupIngress",
        json!({
            "GroupId": job_group.att("GroupId"),
            "SourceSecurityGroupId": job_group.att("GroupId"),
            "IpProtocol": "tcp",
            "FromPort": 0,
            "ToPort": 65535,
            "Description": "Glue connections require a self-referencing rule",
        }),
    );
    stack.add(
        "Job/SecurityGroup/DatabaseEgress",
        "AWS::EC2::SecurityGroupEgress",
        json!({
            "GroupId": job_group.att("GroupId"),
            "DestinationSecurityGroupId": database_group.att("GroupId"),
            "IpProtocol": "tcp",
            "FromPort": PORT,
            "ToPort": PORT,
            "Description": "The simulator database",
        }),
    );
    allow_from_group(
        stack,
        "Database/JobIngress",
        database_group.att("GroupId"),
        job_group.att("GroupId"),
        PORT,
        "The simulator job writes the c360 tables",
    );
    let first_subnet = network.private_subnets(stack).remove(0);
    let connection = stack.add(
        "Job/Connection",
        "AWS::Glue::Connection",
        json!({
            "CatalogId": intrinsics::account_id(),
            "ConnectionInput": {
                "Name": intrinsics::sub("${AWS::StackName}-vpc"),
                "ConnectionType": "NETWORK",
                "PhysicalConnectionRequirements": {
                    "SubnetId": first_subnet,
                    "SecurityGroupIdList": [job_group.att("GroupId")],
                    "AvailabilityZone": intrinsics::select(0, intrinsics::get_azs()),
                },
            },
        }),
    );
    let security = stack.add(
        "Job/SecurityConfiguration",
        "AWS::Glue::SecurityConfiguration",
        json!({
            "Name": intrinsics::sub("${AWS::StackName}-job"),
            "EncryptionConfiguration": {
                "S3Encryptions": [{ "S3EncryptionMode": "SSE-KMS", "KmsKeyArn": key.arn() }],
                "CloudWatchEncryption": { "CloudWatchEncryptionMode": "SSE-KMS", "KmsKeyArn": key.arn() },
                "JobBookmarksEncryption": { "JobBookmarksEncryptionMode": "CSE-KMS", "KmsKeyArn": key.arn() },
            },
        }),
    );
    let asset = Asset::new(
        &format!("{}/Job/Script", stack.name()),
        "py",
        script(simulator).into_bytes(),
    );
    let location = stack.asset(asset);
    let asset_object = intrinsics::join(
        "",
        vec![
            intrinsics::arn("s3:::"),
            location.bucket.clone(),
            json!(format!("/{}", location.key)),
        ],
    );
    let mut statements = vec![
        allow(&["s3:GetObject"], vec![asset_object]),
        allow(&["secretsmanager:GetSecretValue"], vec![secret_arn.clone()]),
        allow(
            &["kms:Decrypt", "kms:GenerateDataKey", "kms:Encrypt"],
            vec![key.arn()],
        ),
        allow(
            &[
                "logs:CreateLogGroup",
                "logs:CreateLogStream",
                "logs:PutLogEvents",
                "logs:AssociateKmsKey",
            ],
            vec![intrinsics::arn(
                "logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws-glue/*",
            )],
        ),
        allow(
            &["glue:GetConnection"],
            vec![
                intrinsics::arn("glue:${AWS::Region}:${AWS::AccountId}:catalog"),
                intrinsics::join(
                    "",
                    vec![
                        intrinsics::arn("glue:${AWS::Region}:${AWS::AccountId}:connection/"),
                        connection.ref_(),
                    ],
                ),
            ],
        ),
        allow(&["glue:GetSecurityConfiguration"], vec![json!("*")]),
        allow(
            &[
                "ec2:CreateNetworkInterface",
                "ec2:DeleteNetworkInterface",
                "ec2:DescribeNetworkInterfaces",
                "ec2:DescribeSecurityGroups",
                "ec2:DescribeSubnets",
                "ec2:DescribeVpcEndpoints",
                "ec2:DescribeRouteTables",
                "ec2:DescribeVpcAttribute",
                "ec2:CreateTags",
                "ec2:DeleteTags",
            ],
            vec![json!("*")],
        ),
    ];
    let stream_name = match stream {
        Some((name, stream)) => {
            statements.extend(stream.access_statements(stack, true));
            json!(name)
        }
        None => json!(""),
    };
    let job_role = role(stack, "Job/Role", RoleSpec::new(&["glue.amazonaws.com"], statements).wildcards("Glue's VPC connection creates network interfaces with generated ids and writes log groups under /aws-glue/ (Resource::*); security configurations cannot be scoped."),
    );
    let job = stack.add(
        "Job/Job",
        "AWS::Glue::Job",
        json!({
            "Name": intrinsics::sub("${AWS::StackName}-simulator"),
            "Description": "The lakeforge retail simulator",
            "Role": job_role.arn(),
            "Command": {
                "Name": "pythonshell",
                "PythonVersion": "3.9",
                "ScriptLocation": location.s3_url(),
            },
            "GlueVersion": "3.0",
            "MaxCapacity": 0.0625,
            "Timeout": 120,
            "Connections": { "Connections": [connection.ref_()] },
            "SecurityConfiguration": security.ref_(),
            "DefaultArguments": {
                "--DB_SECRET_ARN": secret_arn,
                "--STREAM_NAME": stream_name,
                "--additional-python-modules": "pymysql==1.1.1",
                "library-set": "analytics",
            },
        }),
    );
    stack.mark_asset(&job, &location, "Command.ScriptLocation");

    DatabaseRefs {
        secret_arn: stack.export(
            "DatabaseSecretArn",
            "ARN of the simulator database's secret",
            secret_arn,
        ),
        key_arn: stack.export(
            "DatabaseKeyArn",
            "ARN of the simulator's KMS key",
            key.arn(),
        ),
        security_group: stack.export(
            "DatabaseSecurityGroup",
            "Security group of the simulator database",
            database_group.att("GroupId"),
        ),
        port: PORT,
    }
}
