//! stepfunctions rules.

pub mod step_function_state_machine_all_logs_to_cloud_watch;
pub mod step_function_state_machine_xray;

#[cfg(test)]
mod tests;
