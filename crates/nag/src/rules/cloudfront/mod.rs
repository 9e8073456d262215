//! cloudfront rules.

pub mod cloud_front_distribution_access_logging;
pub mod cloud_front_distribution_geo_restrictions;
pub mod cloud_front_distribution_https_viewer_no_outdated_ssl;
pub mod cloud_front_distribution_no_outdated_ssl;
pub mod cloud_front_distribution_s3_origin_access_control;
pub mod cloud_front_distribution_s3_origin_access_identity;
pub mod cloud_front_distribution_waf_integration;

#[cfg(test)]
mod tests;
