//! Standalone EC2 instances are protected from termination through the API.

use crate::rule::prelude::*;

/// Standalone EC2 instances are protected from termination through the API.
pub static RULE: Rule = Rule {
    name: "EC2InstanceTerminationProtection",
    service: "ec2",
    info: "The EC2 instance does not have termination protection enabled.",
    explanation: "Termination protection stops an instance from being terminated by mistake through the console, CLI or API. Set DisableApiTermination to true (instances in Auto Scaling groups are managed differently).",
    resource_types: &["AWS::EC2::Instance"],
    check,
};

fn check(instance: &Resource, _: &Template) -> Outcome {
    let protected = primitive(instance.prop("DisableApiTermination"))?;
    Ok(Verdict::from_pass(flag(protected) == Some(true)))
}
