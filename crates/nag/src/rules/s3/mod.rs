//! s3 rules.

mod public_access;
pub mod s3_bucket_default_lock_enabled;
pub mod s3_bucket_level_public_access_prohibited;
pub mod s3_bucket_logging_enabled;
pub mod s3_bucket_public_read_prohibited;
pub mod s3_bucket_public_write_prohibited;
pub mod s3_bucket_replication_enabled;
pub mod s3_bucket_ssl_requests_only;
pub mod s3_bucket_versioning_enabled;
pub mod s3_default_encryption_kms;
pub mod s3_web_bucket_oai_access;

#[cfg(test)]
mod tests;
