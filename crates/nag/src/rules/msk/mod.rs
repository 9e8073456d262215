//! msk rules.

pub mod msk_broker_logging;
pub mod msk_broker_to_broker_tls;
pub mod msk_client_to_broker_tls;

#[cfg(test)]
mod tests;
