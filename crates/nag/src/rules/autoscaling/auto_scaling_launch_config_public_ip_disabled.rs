//! Auto Scaling launch configurations do not give instances public IP addresses.

use crate::rule::prelude::*;

/// Auto Scaling launch configurations do not give instances public IP addresses.
pub static RULE: Rule = Rule {
    name: "AutoScalingLaunchConfigPublicIpDisabled",
    service: "autoscaling",
    info: "The Auto Scaling launch configuration does not turn off public IP addresses.",
    explanation: "Instances with public addresses can be reached from the internet if a security group allows it. Set AssociatePublicIpAddress to false and place instances in private subnets.",
    resource_types: &["AWS::AutoScaling::LaunchConfiguration"],
    check,
};

fn check(configuration: &Resource, _: &Template) -> Outcome {
    let public_ip = primitive(configuration.prop("AssociatePublicIpAddress"))?;
    Ok(Verdict::from_pass(flag(public_ip) == Some(false)))
}
