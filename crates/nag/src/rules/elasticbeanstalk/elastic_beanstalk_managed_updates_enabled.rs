//! Elastic Beanstalk environments apply managed platform updates.

use crate::rule::prelude::*;

/// Elastic Beanstalk environments apply managed platform updates.
pub static RULE: Rule = Rule {
    name: "ElasticBeanstalkManagedUpdatesEnabled",
    service: "elasticbeanstalk",
    info: "The Elastic Beanstalk environment does not have managed platform updates enabled.",
    explanation: "Managed updates install platform patches and minor versions in a maintenance window, so the environment does not fall behind on fixes. Enable aws:elasticbeanstalk:managedactions ManagedActionsEnabled and set an UpdateLevel of minor or patch.",
    resource_types: &["AWS::ElasticBeanstalk::Environment"],
    check,
};

use super::elastic_beanstalk_ec2_instance_logs_to_s3::has_option;

fn check(environment: &Resource, _: &Template) -> Outcome {
    let enabled = has_option(
        environment,
        "aws:elasticbeanstalk:managedactions",
        "ManagedActionsEnabled",
        |value, absent| absent || value.as_deref() == Some("true"),
    )?;
    let level = has_option(
        environment,
        "aws:elasticbeanstalk:managedactions:platformupdate",
        "UpdateLevel",
        |value, _| matches!(value.as_deref(), Some("minor" | "patch")),
    )?;
    Ok(Verdict::from_pass(enabled && level))
}
