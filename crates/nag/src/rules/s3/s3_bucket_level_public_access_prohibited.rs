//! S3 buckets block all public access at the bucket level (when configured).

use crate::rule::prelude::*;

/// S3 buckets prohibit public access through bucket level settings.
pub static RULE: Rule = Rule {
    name: "S3BucketLevelPublicAccessProhibited",
    service: "s3",
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
