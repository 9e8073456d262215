//! documentdb rules.

pub mod document_db_cluster_backup_retention_period;
pub mod document_db_cluster_encryption_at_rest;
pub mod document_db_cluster_log_exports;
pub mod document_db_cluster_non_default_port;
pub mod document_db_credentials_in_secrets_manager;

#[cfg(test)]
mod tests;
