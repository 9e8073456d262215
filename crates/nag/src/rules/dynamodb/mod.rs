//! dynamodb rules.

pub mod dax_encrypted;
pub mod dynamo_db_auto_scaling_enabled;
pub mod dynamo_db_in_backup_plan;
pub mod dynamo_db_pitr_enabled;

#[cfg(test)]
mod tests;
