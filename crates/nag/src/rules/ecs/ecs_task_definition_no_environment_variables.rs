//! ECS container definitions do not set plain environment variables.

use crate::rule::prelude::*;

/// ECS container definitions do not set plain environment variables.
pub static RULE: Rule = Rule {
    name: "ECSTaskDefinitionNoEnvironmentVariables",
    service: "ecs",
    info: "The ECS task definition sets environment variables directly in a container definition.",
    explanation: "Plain environment variables are visible to anyone who can describe the task definition, so secrets there leak easily. Pass sensitive values through Secrets (Secrets Manager or Parameter Store) instead.",
    resource_types: &["AWS::ECS::TaskDefinition"],
    check,
};

fn check(task: &Resource, _: &Template) -> Outcome {
    let containers = task.prop("ContainerDefinitions");
    if containers.is_some() {
        for container in items(containers)? {
            if member(Some(container), "Environment")?.is_some() {
                return Ok(Verdict::NonCompliant);
            }
        }
    }
    Ok(Verdict::Compliant)
}
