//! elasticbeanstalk rules.

pub mod elastic_beanstalk_ec2_instance_logs_to_s3;
pub mod elastic_beanstalk_enhanced_health_reporting_enabled;
pub mod elastic_beanstalk_managed_updates_enabled;
pub mod elastic_beanstalk_vpc_specified;

#[cfg(test)]
mod tests;
