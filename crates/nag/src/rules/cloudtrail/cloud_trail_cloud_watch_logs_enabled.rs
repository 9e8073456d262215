//! CloudTrail trails also deliver events to CloudWatch Logs.

use crate::rule::prelude::*;

/// CloudTrail trails also deliver events to CloudWatch Logs.
pub static RULE: Rule = Rule {
    name: "CloudTrailCloudWatchLogsEnabled",
    service: "cloudtrail",
    info: "The CloudTrail trail does not send its events to CloudWatch Logs.",
    explanation: "In CloudWatch Logs, API activity can be searched and drive metric filters and alarms in near real time. Set CloudWatchLogsLogGroupArn (and its role) on the trail.",
    resource_types: &["AWS::CloudTrail::Trail"],
    check,
};

fn check(trail: &Resource, _: &Template) -> Outcome {
    Ok(Verdict::from_pass(!is_nullish(
        trail.prop("CloudWatchLogsLogGroupArn"),
    )))
}
