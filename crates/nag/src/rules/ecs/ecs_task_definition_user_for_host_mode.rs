//! ECS containers using host networking run privileged as a named non-root user.

use crate::rule::prelude::*;

/// ECS containers using host networking run privileged as a named non-root user.
pub static RULE: Rule = Rule {
    name: "ECSTaskDefinitionUserForHostMode",
    service: "ecs",
    info: "A container of the ECS task definition uses host networking without being privileged and running as a non-root user.",
    explanation: "In host network mode containers share the host's network stack, so a root container can interfere with the host. Set Privileged to true and User to a non-root user for such containers.",
    resource_types: &["AWS::ECS::TaskDefinition"],
    check,
};

fn check(task: &Resource, _: &Template) -> Outcome {
    if !is_str(task.prop("NetworkMode"), "host") {
        return Ok(Verdict::Compliant);
    }
    let containers = task.prop("ContainerDefinitions");
    if containers.is_some() {
        for container in items(containers)? {
            let privileged = primitive(member(Some(container), "Privileged")?)?;
            let user = primitive(member(Some(container), "User")?)?;
            if flag(privileged) != Some(true) || user.is_none() {
                return Ok(Verdict::NonCompliant);
            }
            let user = text(user)?;
            if user
                .split(':')
                .any(|part| matches!(part.to_lowercase().as_str(), "root" | "0"))
            {
                return Ok(Verdict::NonCompliant);
            }
        }
    }
    Ok(Verdict::Compliant)
}
