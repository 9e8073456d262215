//! OpenSearch domains encrypt traffic between nodes.

use crate::rule::prelude::*;

/// OpenSearch domains encrypt traffic between nodes.
pub static RULE: Rule = Rule {
    name: "OpenSearchNodeToNodeEncryption",
    service: "opensearch",
    info: "The OpenSearch Service domain does not encrypt traffic between its nodes.",
    explanation: "Node-to-node encryption adds TLS to traffic inside the cluster, so data is protected even within the VPC. Set NodeToNodeEncryptionOptions.Enabled to true.",
    resource_types: &[
        "AWS::Elasticsearch::Domain",
        "AWS::OpenSearchService::Domain",
    ],
    check,
};

fn check(domain: &Resource, _: &Template) -> Outcome {
    let options = domain.prop("NodeToNodeEncryptionOptions");
    if is_nullish(options) {
        return Ok(Verdict::NonCompliant);
    }
    let enabled = primitive(member(options, "Enabled")?)?;
    Ok(Verdict::from_pass(flag(enabled) == Some(true)))
}
