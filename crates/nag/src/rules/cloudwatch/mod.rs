//! cloudwatch rules.

pub mod cloud_watch_alarm_action;
pub mod cloud_watch_log_group_encrypted;
pub mod cloud_watch_log_group_retention_period;

#[cfg(test)]
mod tests;
