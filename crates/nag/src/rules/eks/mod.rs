//! eks rules.

pub mod eks_cluster_control_plane_logs;
pub mod eks_cluster_no_endpoint_public_access;

#[cfg(test)]
mod tests;
