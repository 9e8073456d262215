//! Elastic Beanstalk environments name the VPC they run in.

use crate::rule::prelude::*;

/// Elastic Beanstalk environments name the VPC they run in.
pub static RULE: Rule = Rule {
    name: "ElasticBeanstalkVPCSpecified",
    service: "elasticbeanstalk",
    info: "The Elastic Beanstalk environment does not name the VPC it runs in.",
    explanation: "Without an explicit VPC the environment lands in the default VPC next to unrelated resources. Set aws:ec2:vpc VPCId to a VPC of your own.",
    resource_types: &["AWS::ElasticBeanstalk::Environment"],
    check,
};

use super::elastic_beanstalk_ec2_instance_logs_to_s3::has_option;

fn check(environment: &Resource, _: &Template) -> Outcome {
    Ok(Verdict::from_pass(has_option(
        environment,
        "aws:ec2:vpc",
        "VPCId",
        |_, absent| !absent,
    )?))
}
