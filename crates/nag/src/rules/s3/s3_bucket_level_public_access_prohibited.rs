//! S3 buckets block all public access at the bucket level (when configured).

use crate::rule::prelude::*;

/// S3 buckets turn on all four Block Public Access settings.
pub static RULE: Rule = Rule {
    name: "S3BucketLevelPublicAccessProhibited",
    service: "s3",
    info: "The S3 bucket does not block all public access.",
    explanation: "Unless all four Block Public Access settings are on, an ACL or policy change can expose the bucket. Turn on BlockPublicAcls, BlockPublicPolicy, IgnorePublicAcls and RestrictPublicBuckets.",
    resource_types: &["AWS::S3::Bucket"],
    check,
};

fn check(bucket: &Resource, _: &Template) -> Outcome {
    let configuration = bucket.prop("PublicAccessBlockConfiguration");
    if is_nullish(configuration) {
        return Ok(Verdict::Compliant);
    }
    let mut all_blocked = true;
    for setting in [
        "BlockPublicAcls",
        "BlockPublicPolicy",
        "IgnorePublicAcls",
        "RestrictPublicBuckets",
    ] {
        all_blocked &= flag(primitive(member(configuration, setting)?)?) == Some(true);
    }
    Ok(Verdict::from_pass(all_blocked))
}
