//! kms rules.

pub mod kms_backing_key_rotation_enabled;

#[cfg(test)]
mod tests;
