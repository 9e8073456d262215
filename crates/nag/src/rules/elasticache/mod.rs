//! elasticache rules.

pub mod elasti_cache_cluster_in_vpc;
pub mod elasti_cache_cluster_non_default_port;
pub mod elasti_cache_redis_cluster_automatic_backup;
pub mod elasti_cache_redis_cluster_encryption;
pub mod elasti_cache_redis_cluster_multi_az;
pub mod elasti_cache_redis_cluster_redis_auth;

#[cfg(test)]
mod tests;
