//! autoscaling rules.

pub mod auto_scaling_group_cooldown_period;
pub mod auto_scaling_group_elb_health_check_required;
pub mod auto_scaling_group_health_check;
pub mod auto_scaling_group_scaling_notifications;
pub mod auto_scaling_launch_config_public_ip_disabled;

#[cfg(test)]
mod tests;
