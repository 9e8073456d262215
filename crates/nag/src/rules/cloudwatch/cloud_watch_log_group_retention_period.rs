//! CloudWatch log groups have an explicit retention period.

use crate::rule::prelude::*;

/// CloudWatch log groups have an explicit retention period.
pub static RULE: Rule = Rule {
    name: "CloudWatchLogGroupRetentionPeriod",
    service: "cloudwatch",
    info: "The CloudWatch Logs log group keeps its events forever (no retention period is set).",
    explanation: "Without RetentionInDays, log data piles up indefinitely, costs grow and data is kept longer than policy allows. Set an explicit retention period that meets your audit requirements.",
    resource_types: &["AWS::Logs::LogGroup"],
    check,
};

fn check(group: &Resource, _: &Template) -> Outcome {
    Ok(Verdict::from_pass(!is_nullish(
        group.prop("RetentionInDays"),
    )))
}
