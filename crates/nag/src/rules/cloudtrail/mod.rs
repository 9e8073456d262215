//! cloudtrail rules.

pub mod cloud_trail_cloud_watch_logs_enabled;
pub mod cloud_trail_encryption_enabled;
pub mod cloud_trail_log_file_validation_enabled;

#[cfg(test)]
mod tests;
