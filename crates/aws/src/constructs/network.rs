//! The network stack: VPC with public and private subnets, NAT, flow logs,
//! an S3 gateway endpoint, and the shared S3 access-log bucket.

use lakeforge_spec::Network;
use serde_json::{Value, json};

use super::bucket::{BucketSpec, Encryption, arn_with, secure_bucket};
use super::nag::suppress_in_compliance_packs;
use crate::error::SynthError;
use crate::stack::{Export, Handle, StackBuilder};
use crate::template::intrinsics::{self, get_azs, select};

/// What other stacks import from the network stack.
pub(crate) struct NetworkRefs {
    vpc_id: Export,
    vpc_cidr: Export,
    private_subnets: Vec<Export>,
    log_bucket: Export,
}

impl NetworkRefs {
    /// The VPC id, imported into `stack`.
    pub(crate) fn vpc_id(&self, stack: &mut StackBuilder) -> Value {
        stack.import(&self.vpc_id)
    }

    /// The VPC CIDR block, imported into `stack`.
    pub(crate) fn vpc_cidr(&self, stack: &mut StackBuilder) -> Value {
        stack.import(&self.vpc_cidr)
    }

    /// The private subnet ids, imported into `stack`.
    pub(crate) fn private_subnets(&self, stack: &mut StackBuilder) -> Vec<Value> {
        self.private_subnets
            .iter()
            .map(|subnet| stack.import(subnet))
            .collect()
    }

    /// The access-log bucket name, imported into `stack`.
    pub(crate) fn log_bucket(&self, stack: &mut StackBuilder) -> Value {
        stack.import(&self.log_bucket)
    }
}

/// Subnet prefix length for `count` equal subnets of a VPC with prefix `vpc_prefix`.
fn subnet_prefix(vpc_prefix: u32, count: u32) -> u32 {
    vpc_prefix + count.next_power_of_two().trailing_zeros()
}

/// Builds the network stack.
pub(crate) fn build(
    stack: &mut StackBuilder,
    network: &Network,
) -> Result<NetworkRefs, SynthError> {
    let azs = network.max_azs.max(1);
    let vpc_prefix: u32 = network
        .vpc_cidr
        .split_once('/')
        .and_then(|(_, bits)| bits.parse().ok())
        .unwrap_or(16);
    let prefix = subnet_prefix(vpc_prefix, azs * 2);
    if prefix > 28 {
        return Err(SynthError::VpcTooSmall {
            cidr: network.vpc_cidr.clone(),
            subnets: azs * 2,
        });
    }
    let vpc = stack.add(
        "Vpc",
        "AWS::EC2::VPC",
        json!({
            "CidrBlock": network.vpc_cidr,
            "EnableDnsHostnames": true,
            "EnableDnsSupport": true,
            "Tags": [{ "Key": "Name", "Value": intrinsics::ref_("AWS::StackName") }],
        }),
    );
    suppress_in_compliance_packs(
        stack,
        &vpc,
        "VPCDefaultSecurityGroupClosed",
        "Every lakeforge resource in the VPC gets its own security group; none uses the default group.",
    );
    let cidrs = json!({ "Fn::Cidr": [vpc.att("CidrBlock"), (azs * 2).to_string(), (32 - prefix).to_string()] });
    let igw = stack.add(
        "Vpc/InternetGateway",
        "AWS::EC2::InternetGateway",
        json!({}),
    );
    let attachment = stack.add(
        "Vpc/InternetGatewayAttachment",
        "AWS::EC2::VPCGatewayAttachment",
        json!({ "VpcId": vpc.ref_(), "InternetGatewayId": igw.ref_() }),
    );
    let mut nats = Vec::new();
    let mut private_subnets = Vec::new();
    let mut private_tables = Vec::new();
    for az in 0..azs as usize {
        let public = subnet(stack, &vpc, &cidrs, az, "Public", az);
        let route = stack.add(
            &format!("Vpc/Public{}/DefaultRoute", az + 1),
            "AWS::EC2::Route",
            json!({
                "RouteTableId": public.1.ref_(),
                "DestinationCidrBlock": "0.0.0.0/0",
                "GatewayId": igw.ref_(),
            }),
        );
        stack.depends_on(&route, &attachment);
        suppress_in_compliance_packs(
            stack,
            &route,
            "VPCNoUnrestrictedRouteToIGW",
            "Only the public subnets route to the internet gateway, and they hold nothing but the NAT gateways; every workload runs in the private subnets.",
        );
        if (az as u32) < network.nat_gateways {
            let eip = stack.add(
                &format!("Vpc/Public{}/NatEip", az + 1),
                "AWS::EC2::EIP",
                json!({ "Domain": "vpc" }),
            );
            stack.depends_on(&eip, &attachment);
            nats.push(stack.add(
                &format!("Vpc/Public{}/NatGateway", az + 1),
                "AWS::EC2::NatGateway",
                json!({ "SubnetId": public.0.ref_(), "AllocationId": eip.att("AllocationId") }),
            ));
        }
    }
    for az in 0..azs as usize {
        let (private, table) = subnet(stack, &vpc, &cidrs, azs as usize + az, "Private", az);
        if !nats.is_empty() {
            stack.add(
                &format!("Vpc/Private{}/DefaultRoute", az + 1),
                "AWS::EC2::Route",
                json!({
                    "RouteTableId": table.ref_(),
                    "DestinationCidrBlock": "0.0.0.0/0",
                    "NatGatewayId": nats[az % nats.len()].ref_(),
                }),
            );
        }
        private_subnets.push(private);
        private_tables.push(table.ref_());
    }
    stack.add(
        "Vpc/S3Endpoint",
        "AWS::EC2::VPCEndpoint",
        json!({
            "VpcId": vpc.ref_(),
            "ServiceName": intrinsics::sub("com.amazonaws.${AWS::Region}.s3"),
            "VpcEndpointType": "Gateway",
            "RouteTableIds": private_tables,
        }),
    );

    let log_bucket_name = intrinsics::sub(&format!(
        "{}-${{AWS::AccountId}}-${{AWS::Region}}",
        network.access_log_bucket
    ));
    let log_bucket_arn = intrinsics::arn(&format!(
        "s3:::{}-${{AWS::AccountId}}-${{AWS::Region}}",
        network.access_log_bucket
    ));
    let same_account = json!({ "StringEquals": { "aws:SourceAccount": intrinsics::account_id() } });
    let log_bucket = secure_bucket(
        stack,
        "AccessLogs",
        BucketSpec {
            name: log_bucket_name,
            encryption: Encryption::S3Managed,
            access_log: None,
            lifecycle: vec![json!({
                "Id": "ExpireAccessLogs",
                "Status": "Enabled",
                "ExpirationInDays": 2555
            })],
            policy: vec![
                json!({
                    "Sid": "S3ServerAccessLogs",
                    "Effect": "Allow",
                    "Principal": { "Service": "logging.s3.amazonaws.com" },
                    "Action": "s3:PutObject",
                    "Resource": arn_with(&log_bucket_arn, "/*"),
                    "Condition": same_account,
                }),
                json!({
                    "Sid": "VpcFlowLogsWrite",
                    "Effect": "Allow",
                    "Principal": { "Service": "delivery.logs.amazonaws.com" },
                    "Action": "s3:PutObject",
                    "Resource": arn_with(&log_bucket_arn, "/vpc-flow-logs/*"),
                    "Condition": same_account,
                }),
                json!({
                    "Sid": "VpcFlowLogsAclCheck",
                    "Effect": "Allow",
                    "Principal": { "Service": "delivery.logs.amazonaws.com" },
                    "Action": "s3:GetBucketAcl",
                    "Resource": log_bucket_arn,
                    "Condition": same_account,
                }),
            ],
        },
    );
    const SELF_LOGGING: &str =
        "This is the access-log bucket: logging its own accesses into itself would loop.";
    stack.suppress(&log_bucket.handle, "AwsSolutions-S1", SELF_LOGGING);
    suppress_in_compliance_packs(
        stack,
        &log_bucket.handle,
        "S3DefaultEncryptionKMS",
        "S3 server access logs can only be delivered to a bucket encrypted with SSE-S3.",
    );
    suppress_in_compliance_packs(
        stack,
        &log_bucket.handle,
        "S3BucketLoggingEnabled",
        SELF_LOGGING,
    );
    stack.add(
        "Vpc/FlowLog",
        "AWS::EC2::FlowLog",
        json!({
            "ResourceId": vpc.ref_(),
            "ResourceType": "VPC",
            "TrafficType": "ALL",
            "LogDestinationType": "s3",
            "LogDestination": arn_with(&log_bucket.arn(), "/vpc-flow-logs/"),
        }),
    );

    let private_subnets = private_subnets
        .iter()
        .enumerate()
        .map(|(i, subnet)| {
            stack.export(
                &format!("PrivateSubnet{}", i + 1),
                "A private subnet of the VPC",
                subnet.ref_(),
            )
        })
        .collect();
    Ok(NetworkRefs {
        vpc_id: stack.export("VpcId", "The VPC", vpc.ref_()),
        vpc_cidr: stack.export("VpcCidr", "The VPC CIDR block", vpc.att("CidrBlock")),
        private_subnets,
        log_bucket: stack.export(
            "AccessLogBucket",
            "The S3 access-log bucket",
            log_bucket.name(),
        ),
    })
}

/// Adds subnet number `index` of the VPC (from `cidrs`) in AZ `az`, named
/// `<kind><az+1>`, with its route table.
fn subnet(
    stack: &mut StackBuilder,
    vpc: &Handle,
    cidrs: &Value,
    index: usize,
    kind: &str,
    az: usize,
) -> (Handle, Handle) {
    let path = format!("Vpc/{kind}{}", az + 1);
    let subnet = stack.add(
        &format!("{path}/Subnet"),
        "AWS::EC2::Subnet",
        json!({
            "VpcId": vpc.ref_(),
            "CidrBlock": select(index, cidrs.clone()),
            "AvailabilityZone": select(az, get_azs()),
            "MapPublicIpOnLaunch": false,
            "Tags": [{ "Key": "Name", "Value": intrinsics::sub(&format!("${{AWS::StackName}}/{kind}{}", az + 1)) }],
        }),
    );
    let table = stack.add(
        &format!("{path}/RouteTable"),
        "AWS::EC2::RouteTable",
        json!({ "VpcId": vpc.ref_() }),
    );
    stack.add(
        &format!("{path}/RouteTableAssociation"),
        "AWS::EC2::SubnetRouteTableAssociation",
        json!({ "SubnetId": subnet.ref_(), "RouteTableId": table.ref_() }),
    );
    (subnet, table)
}
