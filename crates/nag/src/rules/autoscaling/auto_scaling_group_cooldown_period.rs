//! Auto Scaling groups do not set a cooldown of zero.

use crate::rule::prelude::*;

/// Auto Scaling groups do not set a cooldown of zero.
pub static RULE: Rule = Rule {
    name: "AutoScalingGroupCooldownPeriod",
    service: "autoscaling",
    info: "The Auto Scaling group has a cooldown period of 0 seconds.",
    explanation: "A cooldown lets newly launched instances settle before the group scales again; with none the group can thrash and over-provision. Leave the default cooldown or set a positive Cooldown.",
    resource_types: &["AWS::AutoScaling::AutoScalingGroup"],
    check,
};

fn check(group: &Resource, _: &Template) -> Outcome {
    let cooldown = primitive(group.prop("Cooldown"))?;
    Ok(Verdict::from_pass(
        is_nullish(cooldown) || js_parse_int(cooldown) != 0.0,
    ))
}
