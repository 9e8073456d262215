//! Elastic Beanstalk environments publish rotated instance logs to S3.

use crate::rule::prelude::*;

/// Elastic Beanstalk environments publish rotated instance logs to S3.
pub static RULE: Rule = Rule {
    name: "ElasticBeanstalkEC2InstanceLogsToS3",
    service: "elasticbeanstalk",
    info: "The Elastic Beanstalk environment does not upload its EC2 instance logs to S3.",
    explanation: "Instance logs disappear with the instances; copying them to S3 keeps them for audits and later analysis. Set aws:elasticbeanstalk:hostmanager LogPublicationControl to true.",
    resource_types: &["AWS::ElasticBeanstalk::Environment"],
    check,
};

fn check(environment: &Resource, _: &Template) -> Outcome {
    Ok(Verdict::from_pass(has_option(
        environment,
        "aws:elasticbeanstalk:hostmanager",
        "LogPublicationControl",
        |value, _| value.as_deref() == Some("true"),
    )?))
}

/// Whether some option setting has `namespace` and `option` and a value that satisfies `accept`
/// (`None` when the setting has no value); no option settings at all fails.
pub(super) fn has_option(
    environment: &Resource,
    namespace: &str,
    option: &str,
    accept: impl Fn(Option<String>, bool) -> bool,
) -> Result<bool, Unresolvable> {
    let settings = environment.prop("OptionSettings");
    if is_nullish(settings) {
        return Ok(false);
    }
    Ok(items(settings)?.iter().any(|setting| {
        let value = setting.get("Value");
        is_str(setting.get("Namespace"), namespace)
            && is_str(setting.get("OptionName"), option)
            && accept(string_of(value), value.is_none())
    }))
}
