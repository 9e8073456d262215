//! iam rules.

pub mod iam_group_has_users;
pub mod iam_no_inline_policy;
pub mod iam_no_managed_policies;
pub mod iam_no_wildcard_permissions;
pub mod iam_policy_no_statements_with_admin_access;
pub mod iam_policy_no_statements_with_full_access;
pub mod iam_user_group_membership;
pub mod iam_user_no_policies;
mod policy_text;

#[cfg(test)]
mod tests;
