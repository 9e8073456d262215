//! Auto Scaling groups behind a load balancer use ELB health checks.

use crate::rule::prelude::*;

/// Auto Scaling groups behind a load balancer use ELB health checks.
pub static RULE: Rule = Rule {
    name: "AutoScalingGroupELBHealthCheckRequired",
    service: "autoscaling",
    info: "The Auto Scaling group is attached to a load balancer but does not use ELB health checks.",
    explanation: "With EC2 health checks only, an instance that is running but failing its load balancer checks keeps receiving traffic. Set HealthCheckType to ELB so such instances are replaced.",
    resource_types: &["AWS::AutoScaling::AutoScalingGroup"],
    check,
};

fn check(group: &Resource, _: &Template) -> Outcome {
    let attached =
        |value: Slot| !is_nullish(value) && js_length(value).is_some_and(|length| length > 0);
    if attached(group.prop("TargetGroupARNs")) || attached(group.prop("LoadBalancerNames")) {
        let health_check = primitive(group.prop("HealthCheckType"))?;
        if is_nullish(health_check) || string_of(health_check).as_deref() != Some("ELB") {
            return Ok(Verdict::NonCompliant);
        }
    }
    Ok(Verdict::Compliant)
}
