//! neptune rules.

pub mod neptune_cluster_automatic_minor_version_upgrade;
pub mod neptune_cluster_backup_retention_period;
pub mod neptune_cluster_encryption_at_rest;
pub mod neptune_cluster_iam_auth;
pub mod neptune_cluster_multi_az;

#[cfg(test)]
mod tests;
