//! rds rules.

pub mod aurora_my_sql_backtrack;
pub mod aurora_my_sql_logging;
pub mod aurora_my_sql_postgres_iam_auth;
pub mod rds_automatic_minor_version_upgrade_enabled;
pub mod rds_enhanced_monitoring_enabled;
pub mod rds_in_backup_plan;
pub mod rds_instance_backup_enabled;
pub mod rds_instance_deletion_protection_enabled;
pub mod rds_instance_public_access;
pub mod rds_logging_enabled;
pub mod rds_multi_az_support;
pub mod rds_non_default_port;
pub mod rds_restricted_inbound;
pub mod rds_storage_encrypted;

#[cfg(test)]
mod tests;
