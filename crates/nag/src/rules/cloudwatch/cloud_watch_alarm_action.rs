//! CloudWatch alarms have actions enabled and at least one alarm, OK or insufficient-data action.

use crate::rule::prelude::*;

/// CloudWatch alarms have actions enabled and at least one alarm, OK or insufficient-data action.
pub static RULE: Rule = Rule {
    name: "CloudWatchAlarmAction",
    service: "cloudwatch",
    info: "The CloudWatch alarm has no enabled action for the ALARM, OK or INSUFFICIENT_DATA state.",
    explanation: "An alarm nobody hears is of little use: attach at least one action (for example an SNS topic) and keep ActionsEnabled on, so that state changes reach an operator or an automated response.",
    resource_types: &["AWS::CloudWatch::Alarm"],
    check,
};

fn check(alarm: &Resource, _: &Template) -> Outcome {
    if alarm.prop("ActionsEnabled") == Some(&Value::Bool(false)) {
        return Ok(Verdict::NonCompliant);
    }
    let count = |name: &str| match alarm.prop(name) {
        Some(Value::Array(actions)) => actions.len(),
        Some(Value::String(text)) => text.encode_utf16().count(),
        _ => 0,
    };
    Ok(Verdict::from_pass(
        count("AlarmActions") + count("InsufficientDataActions") + count("OKActions") > 0,
    ))
}
