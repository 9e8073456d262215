//! Auto Scaling groups using ELB health checks set a grace period.

use crate::rule::prelude::*;

/// Auto Scaling groups using ELB health checks set a grace period.
pub static RULE: Rule = Rule {
    name: "AutoScalingGroupHealthCheck",
    service: "autoscaling",
    info: "The Auto Scaling group uses ELB health checks without a health check grace period.",
    explanation: "Without a grace period, instances can be marked unhealthy and replaced before they finish starting. Set HealthCheckGracePeriod when HealthCheckType is ELB.",
    resource_types: &["AWS::AutoScaling::AutoScalingGroup"],
    check,
};

fn check(group: &Resource, _: &Template) -> Outcome {
    let health_check = primitive(group.prop("HealthCheckType"))?;
    let grace_period = primitive(group.prop("HealthCheckGracePeriod"))?;
    Ok(Verdict::from_pass(
        !(string_of(health_check).as_deref() == Some("ELB") && is_nullish(grace_period)),
    ))
}
