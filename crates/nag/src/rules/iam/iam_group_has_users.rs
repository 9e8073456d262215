//! IAM groups have at least one user (through a user's `Groups` or a `UserToGroupAddition`).

use crate::rule::prelude::*;

/// Every IAM group has a member.
pub static RULE: Rule = Rule {
    name: "IAMGroupHasUsers",
    service: "iam",
    info: "The IAM group has no users.",
    explanation: "Empty groups are clutter and can be filled later without review. Add the intended users or delete the group, so permissions are granted only where needed.",
    resource_types: &["AWS::IAM::Group"],
    check,
};

fn check(group: &Resource, template: &Template) -> Outcome {
    let name = group.prop("GroupName");
    let names_group = |value: &Value| -> Result<bool, Unresolvable> {
        let json = value.to_json();
        Ok(mentions(&json, &group.logical_id, "")?
            || (!is_nullish(name)
                && mentions(
                    &json,
                    &name.map(Value::to_js_string).unwrap_or_default(),
                    "-_.",
                )?))
    };
    for other in &template.resources {
        let found = match other.resource_type.as_str() {
            "AWS::IAM::User" => match other.prop("Groups").and_then(Value::as_array) {
                Some(groups) => groups
                    .iter()
                    .map(names_group)
                    .collect::<Result<Vec<_>, _>>()?
                    .contains(&true),
                None => false,
            },
            "AWS::IAM::UserToGroupAddition" => {
                names_group(other.prop("GroupName").unwrap_or(&Value::Null))?
            }
            _ => false,
        };
        if found {
            return Ok(Verdict::Compliant);
        }
    }
    Ok(Verdict::NonCompliant)
}
