//! vpc rules.

pub mod vpc_default_security_group_closed;
pub mod vpc_flow_logs_enabled;
pub mod vpc_no_nacls;
pub mod vpc_no_unrestricted_route_to_igw;
pub mod vpc_subnet_auto_assign_public_ip_disabled;

#[cfg(test)]
mod tests;
