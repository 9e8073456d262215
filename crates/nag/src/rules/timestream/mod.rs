//! timestream rules.

pub mod timestream_database_customer_managed_key;

#[cfg(test)]
mod tests;
