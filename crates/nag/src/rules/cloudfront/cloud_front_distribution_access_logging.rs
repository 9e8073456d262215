//! CloudFront distributions write access logs.

use crate::rule::prelude::*;

/// CloudFront distributions write access logs.
pub static RULE: Rule = Rule {
    name: "CloudFrontDistributionAccessLogging",
    service: "cloudfront",
    info: "The CloudFront distribution does not write access logs.",
    explanation: "Access logs record every viewer request, which is needed for security analysis and audits. Configure Logging with a destination bucket (and enable it on streaming distributions).",
    resource_types: &[
        "AWS::CloudFront::Distribution",
        "AWS::CloudFront::StreamingDistribution",
    ],
    check,
};

fn check(distribution: &Resource, _: &Template) -> Outcome {
    if distribution.resource_type == "AWS::CloudFront::Distribution" {
        let config = distribution.prop("DistributionConfig");
        return Ok(Verdict::from_pass(!is_nullish(member(config, "Logging")?)));
    }
    let config = distribution.prop("StreamingDistributionConfig");
    let logging = member(config, "Logging")?;
    if is_nullish(logging) {
        return Ok(Verdict::NonCompliant);
    }
    let enabled = primitive(member(logging, "Enabled")?)?;
    Ok(Verdict::from_pass(truthy_flag(enabled)))
}
