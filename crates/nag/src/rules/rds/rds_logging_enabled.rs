//! RDS DB instances (not Aurora) and Aurora clusters export every log type of their engine.

use crate::rule::prelude::*;

/// RDS DB instances (not Aurora) and Aurora clusters export every log type of their engine.
pub static RULE: Rule = Rule {
    name: "RDSLoggingEnabled",
    service: "rds",
    info: "The RDS DB instance or Aurora cluster does not export every log type its engine offers to CloudWatch.",
    explanation: "Database logs (audit, error, general, slow query and engine-specific ones) are needed to investigate incidents and performance problems. Add all of the engine's log types to EnableCloudwatchLogsExports.",
    resource_types: &["AWS::RDS::DBCluster", "AWS::RDS::DBInstance"],
    check,
};

use super::aurora_my_sql_backtrack::lower_engine;
use super::aurora_my_sql_logging::missing_exports;

fn check(resource: &Resource, _: &Template) -> Outcome {
    if resource.resource_type == "AWS::RDS::DBInstance" {
        let engine = js_template(primitive(resource.prop("Engine"))?);
        if engine.contains("aurora") {
            return Ok(Verdict::NotApplicable);
        }
        let needed: &[&str] = if engine.contains("mariadb") || engine.contains("mysql") {
            &["audit", "error", "general", "slowquery"]
        } else if engine.contains("postgres") {
            &["postgresql", "upgrade"]
        } else if engine.contains("oracle") {
            &["audit", "alert", "listener", "oemagent", "trace"]
        } else if engine.contains("sqlserver") {
            &["agent", "error"]
        } else {
            &[]
        };
        return missing_exports(resource, needed);
    }
    let engine = lower_engine(resource)?;
    let needed: &[&str] = match engine.as_str() {
        "aurora" | "aurora-mysql" => &["audit", "error", "general", "slowquery"],
        "aurora-postgresql" => &["postgresql"],
        _ => &[],
    };
    missing_exports(resource, needed)
}
