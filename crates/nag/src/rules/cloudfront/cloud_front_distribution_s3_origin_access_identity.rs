//! CloudFront streaming distributions read their S3 origin through an origin access identity.

use crate::rule::prelude::*;

/// CloudFront streaming distributions read their S3 origin through an origin access identity.
pub static RULE: Rule = Rule {
    name: "CloudFrontDistributionS3OriginAccessIdentity",
    service: "cloudfront",
    info: "The CloudFront streaming distribution reads its S3 origin without an origin access identity.",
    explanation: "An origin access identity lets the bucket stay private while CloudFront can still read it. Set S3Origin.OriginAccessIdentity and grant that identity access in the bucket policy.",
    resource_types: &["AWS::CloudFront::StreamingDistribution"],
    check,
};

fn check(distribution: &Resource, _: &Template) -> Outcome {
    let origin = member(distribution.prop("StreamingDistributionConfig"), "S3Origin")?;
    let identity = text(member(origin, "OriginAccessIdentity")?)?;
    Ok(Verdict::from_pass(
        !identity.chars().all(char::is_whitespace),
    ))
}
