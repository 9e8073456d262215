use super::*;
use crate::rules::testing::*;

const TASK: &str = "AWS::ECS::TaskDefinition";

#[test]
fn ecs_cluster_cloud_watch_container_insights() {
    const CLUSTER: &str = "AWS::ECS::Cluster";
    expect(
        &ecs_cluster_cloud_watch_container_insights::RULE,
        &[
            (
                one(
                    CLUSTER,
                    r#"{"ClusterSettings":[{"Name":"containerInsights","Value":"enabled"}]}"#,
                ),
                Pass,
            ),
            (
                one(
                    CLUSTER,
                    r#"{"ClusterSettings":[{"Name":"containerInsights","Value":"enhanced"}]}"#,
                ),
                Pass,
            ),
            (
                one(
                    CLUSTER,
                    r#"{"ClusterSettings":[{"Name":"containerInsights","Value":"disabled"}]}"#,
                ),
                Fail,
            ),
            (one(CLUSTER, "{}"), Fail),
        ],
    );
}

#[test]
fn ecs_task_definition_container_logging() {
    expect(
        &ecs_task_definition_container_logging::RULE,
        &[
            (
                one(
                    TASK,
                    r#"{"ContainerDefinitions":[{"Name":"a","LogConfiguration":{"LogDriver":"awslogs"}}]}"#,
                ),
                Pass,
            ),
            (one(TASK, "{}"), Pass),
            (
                one(
                    TASK,
                    r#"{"ContainerDefinitions":[{"Name":"a","LogConfiguration":{"LogDriver":"awslogs"}},{"Name":"b"}]}"#,
                ),
                Fail,
            ),
        ],
    );
}

#[test]
fn ecs_task_definition_no_environment_variables() {
    expect(
        &ecs_task_definition_no_environment_variables::RULE,
        &[
            (
                one(
                    TASK,
                    r#"{"ContainerDefinitions":[{"Name":"a","Secrets":[{"Name":"X","ValueFrom":"arn"}]}]}"#,
                ),
                Pass,
            ),
            (
                one(
                    TASK,
                    r#"{"ContainerDefinitions":[{"Name":"a","Environment":[{"Name":"X","Value":"y"}]}]}"#,
                ),
                Fail,
            ),
        ],
    );
}

#[test]
fn ecs_task_definition_user_for_host_mode() {
    expect(
        &ecs_task_definition_user_for_host_mode::RULE,
        &[
            (
                one(
                    TASK,
                    r#"{"NetworkMode":"host","ContainerDefinitions":[{"Name":"a","Privileged":true,"User":"1000:1000"}]}"#,
                ),
                Pass,
            ),
            (
                one(
                    TASK,
                    r#"{"NetworkMode":"awsvpc","ContainerDefinitions":[{"Name":"a"}]}"#,
                ),
                Pass,
            ),
            (
                one(
                    TASK,
                    r#"{"NetworkMode":"host","ContainerDefinitions":[{"Name":"a","Privileged":true,"User":"root"}]}"#,
                ),
                Fail,
            ),
            (
                one(
                    TASK,
                    r#"{"NetworkMode":"host","ContainerDefinitions":[{"Name":"a","Privileged":true,"User":"app:0"}]}"#,
                ),
                Fail,
            ),
            (
                one(
                    TASK,
                    r#"{"NetworkMode":"host","ContainerDefinitions":[{"Name":"a","User":"app"}]}"#,
                ),
                Fail,
            ),
            (
                one(
                    TASK,
                    r#"{"NetworkMode":"host","ContainerDefinitions":[{"Name":"a","Privileged":true,"User":{"Ref":"P"}}]}"#,
                ),
                Unknown,
            ),
        ],
    );
}
