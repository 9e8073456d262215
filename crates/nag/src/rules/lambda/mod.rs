//! lambda rules.

pub mod lambda_concurrency;
pub mod lambda_dlq;
pub mod lambda_function_public_access_prohibited;
pub mod lambda_inside_vpc;
pub mod lambda_latest_version;

#[cfg(test)]
mod tests;
