//! secretsmanager rules.

pub mod secrets_manager_rotation_enabled;
pub mod secrets_manager_using_kms_key;

#[cfg(test)]
mod tests;
