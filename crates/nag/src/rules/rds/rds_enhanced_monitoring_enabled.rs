//! RDS DB instances collect enhanced monitoring metrics.

use crate::rule::prelude::*;

/// RDS DB instances collect enhanced monitoring metrics.
pub static RULE: Rule = Rule {
    name: "RDSEnhancedMonitoringEnabled",
    service: "rds",
    info: "The RDS DB instance does not have enhanced monitoring enabled.",
    explanation: "Enhanced monitoring reports operating system metrics (CPU, memory, processes) at fine granularity, which standard metrics lack. Set MonitoringInterval above 0 with a monitoring role.",
    resource_types: &["AWS::RDS::DBInstance"],
    check,
};

fn check(instance: &Resource, _: &Template) -> Outcome {
    let interval = primitive(instance.prop("MonitoringInterval"))?;
    Ok(Verdict::from_pass(
        !is_nullish(interval) && !at_most(interval, 0.0),
    ))
}
