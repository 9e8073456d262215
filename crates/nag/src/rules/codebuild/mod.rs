//! codebuild rules.

pub mod code_build_project_env_var_aws_cred;
pub mod code_build_project_kms_encrypted_artifacts;
pub mod code_build_project_managed_images;
pub mod code_build_project_source_repo_url;

#[cfg(test)]
mod tests;
