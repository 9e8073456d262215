//! mediastore rules.

pub mod media_store_cloud_watch_metric_policy;
pub mod media_store_container_access_logging;
pub mod media_store_container_cors_policy;
pub mod media_store_container_has_container_policy;
pub mod media_store_container_lifecycle_policy;
pub mod media_store_container_ssl_requests_only;

#[cfg(test)]
mod tests;
