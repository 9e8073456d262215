//! EC2 instances do not ask for public IP addresses on their network interfaces.

use crate::rule::prelude::*;

/// EC2 instances do not ask for public IP addresses on their network interfaces.
pub static RULE: Rule = Rule {
    name: "EC2InstanceNoPublicIp",
    service: "ec2",
    info: "The EC2 instance is associated with a public IP address.",
    explanation: "A public address makes the instance reachable from the internet whenever a security group allows it. Set AssociatePublicIpAddress to false on its network interfaces and use private subnets.",
    resource_types: &["AWS::EC2::Instance"],
    check,
};

fn check(instance: &Resource, _: &Template) -> Outcome {
    let interfaces = instance.prop("NetworkInterfaces");
    if !is_nullish(interfaces) {
        for interface in items(interfaces)? {
            let public = primitive(member(Some(interface), "AssociatePublicIpAddress")?)?;
            if flag(public) == Some(true) {
                return Ok(Verdict::NonCompliant);
            }
        }
    }
    Ok(Verdict::Compliant)
}
