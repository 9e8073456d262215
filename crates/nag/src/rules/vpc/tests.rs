use super::*;
use crate::rules::testing::*;

#[test]
fn vpc_default_security_group_closed() {
    expect(
        &vpc_default_security_group_closed::RULE,
        &[
            (
                many(
                    r#""V":{"Type":"AWS::EC2::VPC","Metadata":{"aws:cdk:path":"S/Vpc/Resource"}},"C":{"Type":"Custom::VpcRestrictDefaultSG","Metadata":{"aws:cdk:path":"S/Vpc/RestrictDefaultSecurityGroupCustomResource/Default"}}"#,
                ),
                Pass,
            ),
            (one("AWS::EC2::VPC", "{}"), Fail),
        ],
    );
}

#[test]
fn vpc_flow_logs_enabled() {
    expect(
        &vpc_flow_logs_enabled::RULE,
        &[
            (
                many(
                    r#""V":{"Type":"AWS::EC2::VPC"},"F":{"Type":"AWS::EC2::FlowLog","Properties":{"ResourceType":"VPC","ResourceId":{"Ref":"V"}}}"#,
                ),
                Pass,
            ),
            (one("AWS::EC2::VPC", "{}"), Fail),
        ],
    );
}

#[test]
fn vpc_network_rules() {
    expect(
        &vpc_no_nacls::RULE,
        &[
            (one("AWS::EC2::NetworkAcl", "{}"), Fail),
            (one("AWS::EC2::VPC", "{}"), Skip),
        ],
    );
    expect(
        &vpc_no_unrestricted_route_to_igw::RULE,
        &[
            (
                one(
                    "AWS::EC2::Route",
                    r#"{"GatewayId":"igw","DestinationCidrBlock":"10.0.0.0/16"}"#,
                ),
                Pass,
            ),
            (
                one(
                    "AWS::EC2::Route",
                    r#"{"GatewayId":"igw","DestinationCidrBlock":"0.0.0.0/0"}"#,
                ),
                Fail,
            ),
        ],
    );
    expect(
        &vpc_subnet_auto_assign_public_ip_disabled::RULE,
        &[
            (one("AWS::EC2::Subnet", "{}"), Pass),
            (
                one("AWS::EC2::Subnet", r#"{"MapPublicIpOnLaunch":true}"#),
                Fail,
            ),
        ],
    );
}
