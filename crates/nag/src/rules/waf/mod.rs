//! waf rules.

pub mod wafv2_logging_enabled;

#[cfg(test)]
mod tests;
