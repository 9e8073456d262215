//! ecr rules.

pub mod ecr_open_access;

#[cfg(test)]
mod tests;
