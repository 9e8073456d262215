//! emr rules.

pub mod emr_auth_ec2_key_pair_or_kerberos;
pub mod emr_encryption_in_transit;
pub mod emr_kerberos_enabled;
pub mod emr_local_disk_encryption;
pub mod emr_s3_access_logging;
mod security_configuration;

#[cfg(test)]
mod tests;
