//! opensearch rules.

pub mod open_search_allowlisted_ips;
pub mod open_search_dedicated_master_node;
pub mod open_search_encrypted_at_rest;
pub mod open_search_error_logs_to_cloud_watch;
pub mod open_search_in_vpc_only;
pub mod open_search_no_unsigned_or_anonymous_access;
pub mod open_search_node_to_node_encryption;
pub mod open_search_slow_logs_to_cloud_watch;
pub mod open_search_zone_awareness;

#[cfg(test)]
mod tests;
