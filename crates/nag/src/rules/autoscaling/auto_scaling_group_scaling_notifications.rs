//! Auto Scaling groups notify on launches, terminations and their failures.

use crate::rule::prelude::*;

/// Auto Scaling groups notify on launches, terminations and their failures.
pub static RULE: Rule = Rule {
    name: "AutoScalingGroupScalingNotifications",
    service: "autoscaling",
    info: "The Auto Scaling group does not send notifications for all scaling events.",
    explanation: "Notifications on instance launch, termination and their errors let operators see scaling problems as they happen. Add notification configurations covering EC2_INSTANCE_LAUNCH, EC2_INSTANCE_LAUNCH_ERROR, EC2_INSTANCE_TERMINATE and EC2_INSTANCE_TERMINATE_ERROR.",
    resource_types: &["AWS::AutoScaling::AutoScalingGroup"],
    check,
};

const EVENTS: [&str; 4] = [
    "autoscaling:EC2_INSTANCE_LAUNCH",
    "autoscaling:EC2_INSTANCE_LAUNCH_ERROR",
    "autoscaling:EC2_INSTANCE_TERMINATE",
    "autoscaling:EC2_INSTANCE_TERMINATE_ERROR",
];

fn check(group: &Resource, _: &Template) -> Outcome {
    let configurations = group.prop("NotificationConfigurations");
    if is_nullish(configurations) {
        return Ok(Verdict::NonCompliant);
    }
    let configurations = match configurations {
        Some(Value::Array(configurations)) => configurations,
        _ => {
            return Err(Unresolvable(
                "notification configurations are not a list".to_owned(),
            ));
        }
    };
    for event in EVENTS {
        let mut covered = false;
        for configuration in configurations {
            let types = configuration.get("NotificationTypes");
            if !is_nullish(types) && includes(types, event)? {
                covered = true;
                break;
            }
        }
        if !covered {
            return Ok(Verdict::NonCompliant);
        }
    }
    Ok(Verdict::Compliant)
}
