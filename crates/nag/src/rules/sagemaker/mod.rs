//! sagemaker rules.

pub mod sage_maker_endpoint_configuration_kms_key_configured;
pub mod sage_maker_notebook_in_vpc;
pub mod sage_maker_notebook_instance_kms_key_configured;
pub mod sage_maker_notebook_no_direct_internet_access;

#[cfg(test)]
mod tests;
