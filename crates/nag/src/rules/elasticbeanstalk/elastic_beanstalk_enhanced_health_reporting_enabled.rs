//! Elastic Beanstalk environments use enhanced health reporting.

use crate::rule::prelude::*;

/// Elastic Beanstalk environments use enhanced health reporting.
pub static RULE: Rule = Rule {
    name: "ElasticBeanstalkEnhancedHealthReportingEnabled",
    service: "elasticbeanstalk",
    info: "The Elastic Beanstalk environment does not have enhanced health reporting enabled.",
    explanation: "Enhanced health reporting gives detailed instance and request metrics so problems are found quickly. Set aws:elasticbeanstalk:healthreporting:system SystemType to enhanced.",
    resource_types: &["AWS::ElasticBeanstalk::Environment"],
    check,
};

use super::elastic_beanstalk_ec2_instance_logs_to_s3::has_option;

fn check(environment: &Resource, _: &Template) -> Outcome {
    Ok(Verdict::from_pass(has_option(
        environment,
        "aws:elasticbeanstalk:healthreporting:system",
        "SystemType",
        |value, _| value.as_deref() == Some("enhanced"),
    )?))
}
