//! `[network]`: the VPC and the shared access-log bucket.

use serde::{Deserialize, Serialize};

use crate::setters::setter;

/// `[network]`: the VPC the AWS stacks share, and where S3 access logs go.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Network {
    /// VPC IPv4 CIDR block, a network address with a prefix from /16 to /28.
    pub vpc_cidr: String,
    /// Availability zones to spread subnets over (1 to 6).
    pub max_azs: u32,
    /// NAT gateways (0 to `max_azs`).
    pub nat_gateways: u32,
    /// Name of the shared S3 access-log bucket.
    pub access_log_bucket: String,
    /// Key prefix of access logs in that bucket (may be empty).
    pub access_log_prefix: String,
}

impl Default for Network {
    fn default() -> Self {
        Self {
            vpc_cidr: "10.0.0.0/16".to_owned(),
            max_azs: 2,
            nat_gateways: 1,
            access_log_bucket: "lakeforge-access-logs".to_owned(),
            access_log_prefix: String::new(),
        }
    }
}

impl Network {
    setter!(vpc_cidr: into String);
    setter!(max_azs: u32);
    setter!(nat_gateways: u32);
    setter!(access_log_bucket: into String);
    setter!(access_log_prefix: into String);
}
