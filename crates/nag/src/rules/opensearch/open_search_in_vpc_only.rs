//! OpenSearch domains are placed in a VPC.

use crate::rule::prelude::*;

/// OpenSearch domains are placed in a VPC.
pub static RULE: Rule = Rule {
    name: "OpenSearchInVPCOnly",
    service: "opensearch",
    info: "The OpenSearch Service domain is not within a VPC.",
    explanation: "A domain inside a VPC has no public endpoint and is reached only through your network and security groups. Set VPCOptions with subnet ids.",
    resource_types: &[
        "AWS::Elasticsearch::Domain",
        "AWS::OpenSearchService::Domain",
    ],
    check,
};

fn check(domain: &Resource, _: &Template) -> Outcome {
    let options = domain.prop("VPCOptions");
    if options.is_none() {
        return Ok(Verdict::NonCompliant);
    }
    let subnets = member(options, "SubnetIds")?;
    Ok(Verdict::from_pass(
        subnets.is_some() && js_length(subnets) != Some(0),
    ))
}
