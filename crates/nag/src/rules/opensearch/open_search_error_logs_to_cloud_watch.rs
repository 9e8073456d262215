//! OpenSearch domains publish error (application) logs to CloudWatch Logs.

use crate::rule::prelude::*;

/// OpenSearch domains publish error (application) logs to CloudWatch Logs.
pub static RULE: Rule = Rule {
    name: "OpenSearchErrorLogsToCloudWatch",
    service: "opensearch",
    info: "The OpenSearch Service domain does not send its error logs to CloudWatch Logs.",
    explanation: "Error logs explain failed requests and cluster problems. Configure LogPublishingOptions for ES_APPLICATION_LOGS with a log group.",
    resource_types: &[
        "AWS::Elasticsearch::Domain",
        "AWS::OpenSearchService::Domain",
    ],
    check,
};

fn check(domain: &Resource, _: &Template) -> Outcome {
    let options = domain.prop("LogPublishingOptions");
    Ok(Verdict::from_pass(
        options.is_some() && maybe(options, "ES_APPLICATION_LOGS").is_some(),
    ))
}
