//! dms rules.

pub mod dms_replication_not_public;

#[cfg(test)]
mod tests;
