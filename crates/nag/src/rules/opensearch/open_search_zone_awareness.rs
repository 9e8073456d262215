//! OpenSearch domains spread their nodes across availability zones.

use crate::rule::prelude::*;

/// OpenSearch domains spread their nodes across availability zones.
pub static RULE: Rule = Rule {
    name: "OpenSearchZoneAwareness",
    service: "opensearch",
    info: "The OpenSearch Service domain does not have zone awareness enabled.",
    explanation: "With zone awareness, replicas are placed in other zones so the domain survives the loss of one. Set ZoneAwarenessEnabled to true in the cluster config.",
    resource_types: &[
        "AWS::Elasticsearch::Domain",
        "AWS::OpenSearchService::Domain",
    ],
    check,
};

fn check(domain: &Resource, _: &Template) -> Outcome {
    let config = if domain.resource_type == "AWS::Elasticsearch::Domain" {
        domain.prop("ElasticsearchClusterConfig")
    } else {
        domain.prop("ClusterConfig")
    };
    if is_nullish(config) {
        return Ok(Verdict::NonCompliant);
    }
    let enabled = primitive(member(config, "ZoneAwarenessEnabled")?)?;
    Ok(Verdict::from_pass(truthy_flag(enabled)))
}
