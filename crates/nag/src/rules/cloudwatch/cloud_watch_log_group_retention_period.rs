//! CloudWatch log groups have an explicit retention period.

use crate::rule::prelude::*;

/// CloudWatch log groups have an explicit retention period.
pub static RULE: Rule = Rule {
    name: "CloudWatchLogGroupRetentionPeriod",
    service: "cloudwatch",
    resource_types: &["AWS::Logs::LogGroup"],
    check,
};

fn check(group: &Resource, _: &Template) -> Outcome {
    Ok(Verdict::from_pass(!is_nullish(
        group.prop("RetentionInDays"),
    )))
}
