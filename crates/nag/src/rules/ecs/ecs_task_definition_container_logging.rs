//! Every container of an ECS task definition has a log driver.

use crate::rule::prelude::*;

/// Every container of an ECS task definition has a log driver.
pub static RULE: Rule = Rule {
    name: "ECSTaskDefinitionContainerLogging",
    service: "ecs",
    info: "One or more containers in the ECS task definition do not have container logging enabled.",
    explanation: "Without a log configuration, container output is lost when the task stops. Set LogConfiguration with a log driver (for example awslogs) on every container definition.",
    resource_types: &["AWS::ECS::TaskDefinition"],
    check,
};

fn check(task: &Resource, _: &Template) -> Outcome {
    let containers = task.prop("ContainerDefinitions");
    if containers.is_some() {
        for container in items(containers)? {
            if maybe(member(Some(container), "LogConfiguration")?, "LogDriver").is_none() {
                return Ok(Verdict::NonCompliant);
            }
        }
    }
    Ok(Verdict::Compliant)
}
