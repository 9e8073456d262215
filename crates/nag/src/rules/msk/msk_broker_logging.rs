//! MSK clusters deliver broker logs to S3, CloudWatch Logs or Firehose.

use crate::rule::prelude::*;

/// MSK clusters deliver broker logs to S3, CloudWatch Logs or Firehose.
pub static RULE: Rule = Rule {
    name: "MSKBrokerLogging",
    service: "msk",
    info: "The MSK cluster does not send broker logs anywhere.",
    explanation: "Broker logs help diagnose client and broker problems and record activity for audits. Enable at least one BrokerLogs destination (S3, CloudWatchLogs or Firehose).",
    resource_types: &["AWS::MSK::Cluster"],
    check,
};

fn check(cluster: &Resource, _: &Template) -> Outcome {
    let logging = cluster.prop("LoggingInfo");
    if is_nullish(logging) {
        return Ok(Verdict::NonCompliant);
    }
    let brokers = member(logging, "BrokerLogs")?;
    let mut enabled = false;
    for destination in ["S3", "CloudWatchLogs", "Firehose"] {
        let destination = member(brokers, destination)?;
        if !is_nullish(destination) && truthy_flag(primitive(member(destination, "Enabled")?)?) {
            enabled = true;
        }
    }
    Ok(Verdict::from_pass(enabled))
}
