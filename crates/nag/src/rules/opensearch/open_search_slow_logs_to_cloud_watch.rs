//! OpenSearch domains publish search and index slow logs to CloudWatch Logs.

use crate::rule::prelude::*;

/// OpenSearch domains publish search and index slow logs to CloudWatch Logs.
pub static RULE: Rule = Rule {
    name: "OpenSearchSlowLogsToCloudWatch",
    service: "opensearch",
    info: "The OpenSearch Service domain does not send both its search and index slow logs to CloudWatch Logs.",
    explanation: "Slow logs show which queries and indexing requests take too long, which helps tune the domain and spot abuse. Enable SEARCH_SLOW_LOGS and INDEX_SLOW_LOGS in LogPublishingOptions.",
    resource_types: &[
        "AWS::Elasticsearch::Domain",
        "AWS::OpenSearchService::Domain",
    ],
    check,
};

fn check(domain: &Resource, _: &Template) -> Outcome {
    let options = domain.prop("LogPublishingOptions");
    let mut findings = Vec::new();
    for log in ["SEARCH_SLOW_LOGS", "INDEX_SLOW_LOGS"] {
        let enabled = primitive(maybe(maybe(options, log), "Enabled"))?;
        if !truthy_flag(enabled) {
            findings.push(format!("LogExport::{log}"));
        }
    }
    Ok(Verdict::from_findings(findings))
}
