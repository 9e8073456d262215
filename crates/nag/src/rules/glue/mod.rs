//! glue rules.

pub mod glue_encrypted_cloud_watch_logs;
pub mod glue_job_bookmark_encrypted;
mod security_configuration;

#[cfg(test)]
mod tests;
