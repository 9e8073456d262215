//! OpenSearch domains encrypt data at rest.

use crate::rule::prelude::*;

/// OpenSearch domains encrypt data at rest.
pub static RULE: Rule = Rule {
    name: "OpenSearchEncryptedAtRest",
    service: "opensearch",
    info: "The OpenSearch Service domain does not encrypt data at rest.",
    explanation: "Indexes, logs and snapshots of the domain can hold sensitive data. Set EncryptionAtRestOptions.Enabled to true.",
    resource_types: &[
        "AWS::Elasticsearch::Domain",
        "AWS::OpenSearchService::Domain",
    ],
    check,
};

fn check(domain: &Resource, _: &Template) -> Outcome {
    let options = domain.prop("EncryptionAtRestOptions");
    if options.is_none() {
        return Ok(Verdict::NonCompliant);
    }
    let enabled = primitive(member(options, "Enabled")?)?;
    Ok(Verdict::from_pass(flag(enabled) == Some(true)))
}
