//! EC2 instances and launch configurations use detailed (one-minute) monitoring.

use crate::rule::prelude::*;

/// EC2 instances and launch configurations use detailed (one-minute) monitoring.
pub static RULE: Rule = Rule {
    name: "EC2InstanceDetailedMonitoringEnabled",
    service: "ec2",
    info: "The EC2 instance or Auto Scaling launch configuration does not have detailed monitoring enabled.",
    explanation: "One-minute metrics show load changes early enough to scale and troubleshoot well. Set Monitoring (instances) or InstanceMonitoring (launch configurations) to true.",
    resource_types: &[
        "AWS::EC2::Instance",
        "AWS::AutoScaling::LaunchConfiguration",
    ],
    check,
};

fn check(resource: &Resource, _: &Template) -> Outcome {
    if resource.resource_type == "AWS::EC2::Instance" {
        let monitoring = primitive(resource.prop("Monitoring"))?;
        return Ok(Verdict::from_pass(
            !is_nullish(monitoring) && !loose_false(monitoring),
        ));
    }
    let monitoring = primitive(resource.prop("InstanceMonitoring"))?;
    Ok(Verdict::from_pass(
        is_nullish(monitoring) || !loose_false(monitoring),
    ))
}
