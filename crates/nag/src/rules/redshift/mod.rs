//! redshift rules.

pub mod redshift_backup_enabled;
pub mod redshift_cluster_audit_logging;
pub mod redshift_cluster_configuration;
pub mod redshift_cluster_encryption_at_rest;
pub mod redshift_cluster_in_vpc;
pub mod redshift_cluster_maintenance_settings;
pub mod redshift_cluster_non_default_port;
pub mod redshift_cluster_non_default_username;
pub mod redshift_cluster_public_access;
pub mod redshift_cluster_user_activity_logging;
pub mod redshift_cluster_version_upgrade;
pub mod redshift_enhanced_vpc_routing_enabled;
pub mod redshift_require_tls_ssl;

#[cfg(test)]
mod tests;
