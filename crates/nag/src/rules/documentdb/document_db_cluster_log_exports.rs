//! DocumentDB clusters export authenticate, createIndex and dropCollection logs.

use crate::rule::prelude::*;

/// DocumentDB clusters export authenticate, createIndex and dropCollection logs.
pub static RULE: Rule = Rule {
    name: "DocumentDBClusterLogExports",
    service: "documentdb",
    info: "The DocumentDB cluster does not export all of its authenticate, createIndex and dropCollection logs to CloudWatch.",
    explanation: "These audit events show who connected and who changed indexes or dropped collections. Add them to EnableCloudwatchLogsExports (and turn on auditing in the cluster parameter group).",
    resource_types: &["AWS::DocDB::DBCluster"],
    check,
};

fn check(cluster: &Resource, _: &Template) -> Outcome {
    let exports = cluster.prop("EnableCloudwatchLogsExports");
    let listed = |log: &str| match exports {
        Some(Value::Array(items)) => items.iter().any(|item| item.as_str() == Some(log)),
        _ => false,
    };
    Ok(Verdict::from_findings(
        ["authenticate", "createIndex", "dropCollection"]
            .into_iter()
            .filter(|log| !listed(log))
            .map(|log| format!("LogExport::{log}"))
            .collect(),
    ))
}
