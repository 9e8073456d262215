//! Security groups carry a meaningful description.

use crate::rule::prelude::*;

/// Security groups carry a meaningful description.
pub static RULE: Rule = Rule {
    name: "EC2SecurityGroupDescription",
    service: "ec2",
    info: "The security group has no description.",
    explanation: "A description says what the group is for, which keeps later changes from breaking or over-opening it. Set GroupDescription to a short explanation of its purpose.",
    resource_types: &["AWS::EC2::SecurityGroup"],
    check,
};

fn check(group: &Resource, _: &Template) -> Outcome {
    let description = primitive(group.prop("GroupDescription"))?;
    let length = js_length(description)
        .ok_or_else(|| Unresolvable(format!("{} has no length", js_template(description))))?;
    Ok(Verdict::from_pass(length >= 2))
}
