//! cognito rules.

pub mod cognito_user_pool_apigw_authorizer;
pub mod cognito_user_pool_mfa;
pub mod cognito_user_pool_no_unauthenticated_logins;
pub mod cognito_user_pool_plus_tier;
pub mod cognito_user_pool_strong_password_policy;

#[cfg(test)]
mod tests;
