//! cloud9 rules.

pub mod cloud9_instance_no_ingress_systems_manager;

#[cfg(test)]
mod tests;
