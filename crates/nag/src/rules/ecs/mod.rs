//! ecs rules.

pub mod ecs_cluster_cloud_watch_container_insights;
pub mod ecs_task_definition_container_logging;
pub mod ecs_task_definition_no_environment_variables;
pub mod ecs_task_definition_user_for_host_mode;

#[cfg(test)]
mod tests;
