//! apigw rules.

pub mod apigw_access_logging;
pub mod apigw_associated_with_waf;
pub mod apigw_authorization;
pub mod apigw_cache_enabled_and_encrypted;
pub mod apigw_execution_logging_enabled;
pub mod apigw_request_validation;
pub mod apigw_ssl_enabled;
pub mod apigw_xray_enabled;

#[cfg(test)]
mod tests;
