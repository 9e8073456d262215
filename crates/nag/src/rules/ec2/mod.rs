//! ec2 rules.

pub mod ec2_ebs_in_backup_plan;
pub mod ec2_ebs_optimized_instance;
pub mod ec2_ebs_volume_encrypted;
pub mod ec2_imdsv2_enabled;
pub mod ec2_instance_detailed_monitoring_enabled;
pub mod ec2_instance_no_public_ip;
pub mod ec2_instance_profile_attached;
pub mod ec2_instance_termination_protection;
pub mod ec2_instances_in_vpc;
pub mod ec2_restricted_common_ports;
pub mod ec2_restricted_inbound;
pub mod ec2_restricted_ssh;
pub mod ec2_security_group_description;
mod ingress;
mod launch_template;

#[cfg(test)]
mod tests;
