//! CloudFront distributions are protected by a WAF web ACL.

use crate::rule::prelude::*;

/// CloudFront distributions are protected by a WAF web ACL.
pub static RULE: Rule = Rule {
    name: "CloudFrontDistributionWAFIntegration",
    service: "cloudfront",
    info: "The CloudFront distribution is not associated with a WAF web ACL.",
    explanation: "A web ACL at the edge filters common attacks before they reach your origin. Set WebACLId in the distribution config, or suppress with the reason no filtering is needed.",
    resource_types: &["AWS::CloudFront::Distribution"],
    check,
};

fn check(distribution: &Resource, _: &Template) -> Outcome {
    let config = distribution.prop("DistributionConfig");
    Ok(Verdict::from_pass(!is_nullish(member(config, "WebACLId")?)))
}
