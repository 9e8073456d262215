//! Security groups that open only what is needed.

use serde_json::{Value, json};

use crate::stack::{Handle, StackBuilder};

/// HTTPS to anywhere: AWS APIs through the NAT gateway or VPC endpoints.
pub(crate) fn https_egress() -> Value {
    json!({
        "IpProtocol": "tcp",
        "FromPort": 443,
        "ToPort": 443,
        "CidrIp": "0.0.0.0/0",
        "Description": "HTTPS to AWS APIs",
    })
}

/// TCP `port` to `cidr`, described by `description`.
pub(crate) fn tcp_to(cidr: Value, port: u16, description: &str) -> Value {
    json!({
        "IpProtocol": "tcp",
        "FromPort": port,
        "ToPort": port,
        "CidrIp": cidr,
        "Description": description,
    })
}

/// Adds a security group at `path` in `vpc_id` with no ingress and only `egress`.
pub(crate) fn security_group(
    stack: &mut StackBuilder,
    path: &str,
    vpc_id: Value,
    description: &str,
    egress: Vec<Value>,
) -> Handle {
    stack.add(
        path,
        "AWS::EC2::SecurityGroup",
        json!({
            "GroupDescription": description,
            "VpcId": vpc_id,
            "SecurityGroupEgress": egress,
        }),
    )
}

/// Allows TCP `port` into group `to` from group `from` (ids), at `path`.
pub(crate) fn allow_from_group(
    stack: &mut StackBuilder,
    path: &str,
    to: Value,
    from: Value,
    port: u16,
    description: &str,
) -> Handle {
    stack.add(
        path,
        "AWS::EC2::SecurityGroupIngress",
        json!({
            "GroupId": to,
            "SourceSecurityGroupId": from,
            "IpProtocol": "tcp",
            "FromPort": port,
            "ToPort": port,
            "Description": description,
        }),
    )
}
