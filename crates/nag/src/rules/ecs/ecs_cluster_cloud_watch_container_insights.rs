//! ECS clusters have CloudWatch Container Insights turned on.

use crate::rule::prelude::*;

/// ECS clusters have CloudWatch Container Insights turned on.
pub static RULE: Rule = Rule {
    name: "ECSClusterCloudWatchContainerInsights",
    service: "ecs",
    info: "The ECS cluster does not have CloudWatch Container Insights enabled.",
    explanation: "Container Insights collects per-task and per-service metrics and diagnostics, which are needed to spot failing or starved containers. Add the cluster setting containerInsights with value enabled or enhanced.",
    resource_types: &["AWS::ECS::Cluster"],
    check,
};

fn check(cluster: &Resource, _: &Template) -> Outcome {
    let settings = cluster.prop("ClusterSettings");
    if is_nullish(settings) {
        return Ok(Verdict::NonCompliant);
    }
    Ok(Verdict::from_pass(items(settings)?.iter().any(|setting| {
        is_str(setting.get("Name"), "containerInsights")
            && matches!(
                setting.get("Value").and_then(Value::as_str),
                Some("enabled" | "enhanced")
            )
    })))
}
