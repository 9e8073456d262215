//! VPCs restrict their default security group, which the CDK does with a
//! `Custom::VpcRestrictDefaultSG` resource beside the VPC (`<vpc>/RestrictDefaultSecurityGroupCustomResource`).
//! Without CDK construct paths nothing can be beside the VPC, so the VPC fails (as under `CfnInclude`).

use crate::rule::prelude::*;

/// VPC default security groups are closed.
pub static RULE: Rule = Rule {
    name: "VPCDefaultSecurityGroupClosed",
    service: "vpc",
    info: "The VPC's default security group allows inbound or outbound traffic.",
    explanation: "Resources launched without an explicit group land in the default one. Remove all its rules so such resources get no network access by accident.",
    resource_types: &["AWS::EC2::VPC"],
    check,
};

fn check(vpc: &Resource, template: &Template) -> Outcome {
    let Some((scope, _)) = vpc.path.rsplit_once('/') else {
        return Ok(Verdict::NonCompliant);
    };
    let restricting = format!("{scope}/RestrictDefaultSecurityGroupCustomResource/Default");
    Ok(Verdict::from_pass(
        template
            .resources_of_type("Custom::VpcRestrictDefaultSG")
            .any(|custom| custom.path == restricting),
    ))
}
