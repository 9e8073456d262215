use super::*;
use crate::rules::testing::*;

const INSTANCE: &str = "AWS::EC2::Instance";
const GROUP: &str = "AWS::EC2::SecurityGroup";
const INGRESS: &str = "AWS::EC2::SecurityGroupIngress";
const CONFIG: &str = "AWS::AutoScaling::LaunchConfiguration";
const ASG: &str = "AWS::AutoScaling::AutoScalingGroup";

fn ingress(rule: &str) -> String {
    one(
        GROUP,
        &format!(r#"{{"GroupDescription":"web","SecurityGroupIngress":[{rule}]}}"#),
    )
}

#[test]
fn ec2_ebs_in_backup_plan() {
    let selection = |resource: &str| {
        many(&format!(
            r#""V":{{"Type":"AWS::EC2::Volume"}},"S":{{"Type":"AWS::Backup::BackupSelection","Properties":{{"BackupSelection":{{"Resources":[{resource}]}}}}}}"#
        ))
    };
    expect(
        &ec2_ebs_in_backup_plan::RULE,
        &[
            (
                selection(r#"{"Fn::Sub":"arn:aws:ec2:eu-west-1:1:volume/${V}"}"#),
                Pass,
            ),
            (
                selection(r#"{"Fn::Sub":"arn:aws:ec2:eu-west-1:1:volume/${VOther}"}"#),
                Fail,
            ),
            (one("AWS::EC2::Volume", "{}"), Fail),
        ],
    );
}

#[test]
fn ec2_ebs_optimized_instance() {
    expect(
        &ec2_ebs_optimized_instance::RULE,
        &[
            (one(INSTANCE, r#"{"InstanceType":"m5.large"}"#), Pass),
            (
                one(
                    INSTANCE,
                    r#"{"InstanceType":"m3.xlarge","EbsOptimized":true}"#,
                ),
                Pass,
            ),
            (one(INSTANCE, r#"{"InstanceType":"m3.xlarge"}"#), Fail),
            (one(INSTANCE, "{}"), Pass),
            (one(INSTANCE, r#"{"InstanceType":{"Ref":"P"}}"#), Unknown),
        ],
    );
}

#[test]
fn ec2_ebs_volume_encrypted() {
    let template = |data: &str, instance: &str| {
        many(&format!(
            r#""I":{{"Type":"AWS::EC2::Instance","Properties":{instance}}},"LT":{{"Type":"AWS::EC2::LaunchTemplate","Properties":{{"LaunchTemplateName":"lt","LaunchTemplateData":{data}}}}}"#
        ))
    };
    let encrypted =
        r#"{"BlockDeviceMappings":[{"DeviceName":"/dev/xvda","Ebs":{"Encrypted":true}}]}"#;
    expect(
        &ec2_ebs_volume_encrypted::RULE,
        &[
            (one("AWS::EC2::Volume", r#"{"Encrypted":true}"#), Pass),
            (one("AWS::EC2::Volume", "{}"), Fail),
            (
                one(
                    INSTANCE,
                    r#"{"BlockDeviceMappings":[{"DeviceName":"/dev/xvda","Ebs":{"Encrypted":"true"}}]}"#,
                ),
                Pass,
            ),
            (
                one(
                    INSTANCE,
                    r#"{"BlockDeviceMappings":[{"DeviceName":"/dev/xvda","Ebs":{"Encrypted":false}}]}"#,
                ),
                Fail,
            ),
            (one(INSTANCE, "{}"), Fail),
            (
                one(
                    INSTANCE,
                    r#"{"BlockDeviceMappings":[{"DeviceName":"/dev/sdb","VirtualName":"ephemeral0"}]}"#,
                ),
                Unknown,
            ),
            (
                template(
                    encrypted,
                    r#"{"LaunchTemplate":{"LaunchTemplateName":"lt","Version":"1"}}"#,
                ),
                Pass,
            ),
            (
                template(
                    "{}",
                    r#"{"LaunchTemplate":{"LaunchTemplateName":"lt","Version":"1"}}"#,
                ),
                Fail,
            ),
            (template(encrypted, "{}"), Unknown),
            (
                one(
                    CONFIG,
                    r#"{"BlockDeviceMappings":[{"DeviceName":"/dev/xvda","Ebs":{"Encrypted":true}}]}"#,
                ),
                Pass,
            ),
            (one(CONFIG, "{}"), Fail),
            (one(ASG, "{}"), Skip),
            (
                many(&format!(
                    r#""G":{{"Type":"AWS::AutoScaling::AutoScalingGroup","Properties":{{"LaunchTemplate":{{"LaunchTemplateId":"LT"}}}}}},"LT":{{"Type":"AWS::EC2::LaunchTemplate","Properties":{{"LaunchTemplateName":"x","LaunchTemplateData":{encrypted}}}}}"#
                )),
                Pass,
            ),
        ],
    );
}

#[test]
fn ec2_imdsv2_enabled() {
    let with_template = |resource: &str, tokens: &str| {
        many(&format!(
            r#""R":{resource},"LT":{{"Type":"AWS::EC2::LaunchTemplate","Properties":{{"LaunchTemplateData":{{"MetadataOptions":{{"HttpTokens":"{tokens}"}}}}}}}}"#
        ))
    };
    let instance = r#"{"Type":"AWS::EC2::Instance","Properties":{"LaunchTemplate":{"LaunchTemplateId":{"Ref":"LT"},"Version":"1"}}}"#;
    let group = r#"{"Type":"AWS::AutoScaling::AutoScalingGroup","Properties":{"LaunchTemplate":{"LaunchTemplateId":{"Ref":"LT"},"Version":"1"}}}"#;
    let by_configuration = |tokens: &str| {
        many(&format!(
            r#""G":{{"Type":"AWS::AutoScaling::AutoScalingGroup","Properties":{{"LaunchConfigurationName":{{"Ref":"C"}}}}}},"C":{{"Type":"AWS::AutoScaling::LaunchConfiguration","Properties":{{"MetadataOptions":{{"HttpTokens":"{tokens}"}}}}}}"#
        ))
    };
    expect(
        &ec2_imdsv2_enabled::RULE,
        &[
            (with_template(instance, "required"), Pass),
            (with_template(instance, "optional"), Fail),
            (one(INSTANCE, "{}"), Fail),
            (with_template(group, "required"), Pass),
            (by_configuration("required"), Pass),
            (by_configuration("optional"), Fail),
            (one(ASG, "{}"), Fail),
        ],
    );
}

#[test]
fn ec2_instance_detailed_monitoring_enabled() {
    expect(
        &ec2_instance_detailed_monitoring_enabled::RULE,
        &[
            (one(INSTANCE, r#"{"Monitoring":true}"#), Pass),
            (one(INSTANCE, r#"{"Monitoring":"false"}"#), Fail),
            (one(INSTANCE, "{}"), Fail),
            (one(CONFIG, "{}"), Pass),
            (one(CONFIG, r#"{"InstanceMonitoring":false}"#), Fail),
        ],
    );
}

#[test]
fn ec2_instance_simple_properties() {
    expect(
        &ec2_instance_no_public_ip::RULE,
        &[
            (
                one(
                    INSTANCE,
                    r#"{"NetworkInterfaces":[{"DeviceIndex":"0","AssociatePublicIpAddress":false}]}"#,
                ),
                Pass,
            ),
            (one(INSTANCE, "{}"), Pass),
            (
                one(
                    INSTANCE,
                    r#"{"NetworkInterfaces":[{"DeviceIndex":"0","AssociatePublicIpAddress":"true"}]}"#,
                ),
                Fail,
            ),
        ],
    );
    expect(
        &ec2_instance_profile_attached::RULE,
        &[
            (
                one(INSTANCE, r#"{"IamInstanceProfile":{"Ref":"Profile"}}"#),
                Pass,
            ),
            (one(INSTANCE, "{}"), Fail),
        ],
    );
    expect(
        &ec2_instance_termination_protection::RULE,
        &[
            (one(INSTANCE, r#"{"DisableApiTermination":true}"#), Pass),
            (one(INSTANCE, "{}"), Fail),
        ],
    );
    expect(
        &ec2_instances_in_vpc::RULE,
        &[
            (one(INSTANCE, r#"{"SubnetId":"subnet-1"}"#), Pass),
            (one(INSTANCE, "{}"), Fail),
        ],
    );
}

#[test]
fn ec2_restricted_common_ports() {
    expect(
        &ec2_restricted_common_ports::RULE,
        &[
            (
                ingress(r#"{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"CidrIp":"0.0.0.0/0"}"#),
                Pass,
            ),
            (
                ingress(
                    r#"{"IpProtocol":"tcp","FromPort":3306,"ToPort":3306,"CidrIp":"10.0.0.0/16"}"#,
                ),
                Pass,
            ),
            (
                ingress(
                    r#"{"IpProtocol":"tcp","FromPort":3000,"ToPort":4000,"CidrIp":"0.0.0.0/0"}"#,
                ),
                Fail,
            ),
            (ingress(r#"{"IpProtocol":-1,"CidrIp":"10.0.0.0/8"}"#), Fail),
            (
                one(
                    INGRESS,
                    r#"{"IpProtocol":"tcp","FromPort":21,"CidrIp":"0.0.0.0/0"}"#,
                ),
                Fail,
            ),
            (
                ingress(r#"{"IpProtocol":"tcp","FromPort":22,"ToPort":22,"CidrIp":{"Ref":"P"}}"#),
                Unknown,
            ),
        ],
    );
}

#[test]
fn ec2_restricted_inbound() {
    expect(
        &ec2_restricted_inbound::RULE,
        &[
            (
                ingress(
                    r#"{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"CidrIp":"10.0.0.0/16"}"#,
                ),
                Pass,
            ),
            (
                ingress(r#"{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"CidrIpv6":"::/0"}"#),
                Fail,
            ),
            (
                one(INGRESS, r#"{"IpProtocol":"tcp","CidrIp":"0.0.0.0/0"}"#),
                Fail,
            ),
            (one(GROUP, r#"{"GroupDescription":"no rules"}"#), Pass),
        ],
    );
}

#[test]
fn ec2_restricted_ssh() {
    expect(
        &ec2_restricted_ssh::RULE,
        &[
            (
                ingress(r#"{"IpProtocol":"tcp","FromPort":22,"ToPort":22,"CidrIp":"10.0.0.0/16"}"#),
                Pass,
            ),
            (
                ingress(r#"{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"CidrIp":"0.0.0.0/0"}"#),
                Pass,
            ),
            (
                ingress(r#"{"IpProtocol":"tcp","FromPort":0,"ToPort":65535,"CidrIpv6":"::/0"}"#),
                Fail,
            ),
            (
                one(
                    INGRESS,
                    r#"{"IpProtocol":"tcp","FromPort":22,"CidrIp":"0.0.0.0/0"}"#,
                ),
                Fail,
            ),
            (
                one(INGRESS, r#"{"IpProtocol":"-1","CidrIp":"0.0.0.0/0"}"#),
                Fail,
            ),
        ],
    );
}

#[test]
fn ec2_security_group_description() {
    expect(
        &ec2_security_group_description::RULE,
        &[
            (one(GROUP, r#"{"GroupDescription":"web tier"}"#), Pass),
            (one(GROUP, r#"{"GroupDescription":"x"}"#), Fail),
            (one(GROUP, "{}"), Unknown),
        ],
    );
}
