//! elb rules.

pub mod alb_http_drop_invalid_header_enabled;
pub mod alb_http_to_https_redirection;
pub mod alb_waf_enabled;
pub mod clb_connection_draining;
pub mod clb_no_inbound_http_https;
pub mod elb_acm_certificate_required;
pub mod elb_cross_zone_load_balancing_enabled;
pub mod elb_deletion_protection_enabled;
pub mod elb_logging_enabled;
pub mod elb_tls_https_listeners_only;
pub mod elbv2_acm_certificate_required;

#[cfg(test)]
mod tests;
