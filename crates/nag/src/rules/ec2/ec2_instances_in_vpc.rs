//! EC2 instances are launched into a VPC subnet.

use crate::rule::prelude::*;

/// EC2 instances are launched into a VPC subnet.
pub static RULE: Rule = Rule {
    name: "EC2InstancesInVPC",
    service: "ec2",
    info: "The EC2 instance is not placed in a VPC subnet.",
    explanation: "Inside a VPC the instance gets network isolation, security groups and private addressing. Set SubnetId to a subnet of your VPC.",
    resource_types: &["AWS::EC2::Instance"],
    check,
};

fn check(instance: &Resource, _: &Template) -> Outcome {
    Ok(Verdict::from_pass(!is_nullish(instance.prop("SubnetId"))))
}
