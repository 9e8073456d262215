//! CloudFront origins that are S3 buckets of the template use an origin access control.

use crate::rule::prelude::*;

/// CloudFront origins that are S3 buckets of the template use an origin access control.
pub static RULE: Rule = Rule {
    name: "CloudFrontDistributionS3OriginAccessControl",
    service: "cloudfront",
    info: "The CloudFront distribution reads an S3 origin without an origin access control (OAC).",
    explanation: "An origin access control lets the bucket stay private and accept only signed requests from CloudFront. Create an AWS::CloudFront::OriginAccessControl and set OriginAccessControlId on the S3 origin.",
    resource_types: &["AWS::CloudFront::Distribution"],
    check,
};

fn check(distribution: &Resource, template: &Template) -> Outcome {
    let origins = member(distribution.prop("DistributionConfig"), "Origins")?;
    if is_nullish(origins) {
        return Ok(Verdict::Compliant);
    }
    for origin in items(origins)? {
        let origin_id = referenced(origin.get("DomainName"));
        for bucket in template.resources_of_type("AWS::S3::Bucket") {
            if !same(origin_id, Some(&Value::String(bucket.logical_id.clone()))) {
                continue;
            }
            let control = referenced(origin.get("OriginAccessControlId"));
            if is_nullish(control) || text(control)?.trim().is_empty() {
                return Ok(Verdict::NonCompliant);
            }
        }
    }
    Ok(Verdict::Compliant)
}
