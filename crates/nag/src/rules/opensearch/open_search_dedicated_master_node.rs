//! OpenSearch domains use dedicated master nodes.

use crate::rule::prelude::*;

/// OpenSearch domains use dedicated master nodes.
pub static RULE: Rule = Rule {
    name: "OpenSearchDedicatedMasterNode",
    service: "opensearch",
    info: "The OpenSearch Service domain has no dedicated master nodes.",
    explanation: "Dedicated master nodes keep cluster management stable when data nodes are busy or fail. Set DedicatedMasterEnabled to true in the cluster config.",
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
    let enabled = primitive(member(config, "DedicatedMasterEnabled")?)?;
    Ok(Verdict::from_pass(truthy_flag(enabled)))
}
