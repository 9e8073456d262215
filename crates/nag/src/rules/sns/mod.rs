//! sns rules.

pub mod sns_encrypted_kms;
pub mod sns_topic_ssl_publish_only;

#[cfg(test)]
mod tests;
