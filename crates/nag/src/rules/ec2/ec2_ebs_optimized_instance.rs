//! EC2 instance types that support EBS optimization, but do not default to it, turn it on.

use crate::rule::prelude::*;

/// EC2 instance types that support EBS optimization, but do not default to it, turn it on.
pub static RULE: Rule = Rule {
    name: "EC2EBSOptimizedInstance",
    service: "ec2",
    info: "The EC2 instance type supports EBS optimization, but it is not enabled.",
    explanation: "Without EBS optimization, storage traffic competes with network traffic and volume performance suffers. Set EbsOptimized to true for such instance types.",
    resource_types: &["AWS::EC2::Instance"],
    check,
};

/// Instance types that can be, but are not by default, EBS optimized.
const OPTIONAL: [&str; 17] = [
    "c1.xlarge",
    "c3.xlarge",
    "c3.2xlarge",
    "c3.4xlarge",
    "g2.2xlarge",
    "i2.xlarge",
    "i2.2xlarge",
    "i2.4xlarge",
    "m1.large",
    "m1.xlarge",
    "m2.2xlarge",
    "m2.4xlarge",
    "m3.xlarge",
    "m3.2xlarge",
    "r3.xlarge",
    "r3.2xlarge",
    "r3.4xlarge",
];

fn check(instance: &Resource, _: &Template) -> Outcome {
    let instance_type = if truthy(instance.prop("InstanceType")) {
        string_of(primitive(instance.prop("InstanceType"))?)
    } else {
        Some("m1.small".to_owned())
    };
    let optional = instance_type.is_some_and(|kind| OPTIONAL.contains(&kind.as_str()));
    Ok(Verdict::from_pass(
        !optional || flag(instance.prop("EbsOptimized")) == Some(true),
    ))
}
