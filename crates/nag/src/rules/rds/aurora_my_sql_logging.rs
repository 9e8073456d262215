//! Aurora MySQL serverless clusters export audit, error, general and slow query logs.

use crate::rule::prelude::*;

/// Aurora MySQL serverless clusters export audit, error, general and slow query logs.
pub static RULE: Rule = Rule {
    name: "AuroraMySQLLogging",
    service: "rds",
    info: "The Aurora MySQL serverless cluster does not export all of its audit, error, general and slowquery logs.",
    explanation: "These logs record who connected, what failed and which queries were slow, for troubleshooting and audits. Add them to EnableCloudwatchLogsExports.",
    resource_types: &["AWS::RDS::DBCluster"],
    check,
};

use super::aurora_my_sql_backtrack::lower_engine;

fn check(cluster: &Resource, _: &Template) -> Outcome {
    let engine = lower_engine(cluster)?;
    let mode = primitive(cluster.prop("EngineMode"))?;
    let serverless = !is_nullish(mode) && text(mode)?.to_lowercase() == "serverless";
    if serverless && (engine == "aurora" || engine == "aurora-mysql") {
        return missing_exports(cluster, &["audit", "error", "general", "slowquery"]);
    }
    Ok(Verdict::Compliant)
}

/// The `LogExport::<log>` findings for the logs of `needed` not in `EnableCloudwatchLogsExports`.
pub(super) fn missing_exports(resource: &Resource, needed: &[&str]) -> Outcome {
    let exports = resource.prop("EnableCloudwatchLogsExports");
    let mut findings = Vec::new();
    for log in needed {
        if is_nullish(exports) || !includes(exports, log)? {
            findings.push(format!("LogExport::{log}"));
        }
    }
    Ok(Verdict::from_findings(findings))
}
