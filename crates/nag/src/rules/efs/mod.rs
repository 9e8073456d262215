//! efs rules.

pub mod efs_encrypted;
pub mod efs_in_backup_plan;

#[cfg(test)]
mod tests;
