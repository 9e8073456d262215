//! S3 buckets have object lock enabled by default.

use crate::rule::prelude::*;

/// S3 buckets have object lock enabled by default.
pub static RULE: Rule = Rule {
    name: "S3BucketDefaultLockEnabled",
    service: "s3",
    info: "The S3 bucket does not enable Object Lock.",
    explanation: "Object Lock keeps objects from being deleted or overwritten for a retention period, which protects records from tampering. Enable it (it can only be set when the bucket is created).",
    resource_types: &["AWS::S3::Bucket"],
    check,
};

fn check(bucket: &Resource, _: &Template) -> Outcome {
    let enabled = primitive(bucket.prop("ObjectLockEnabled"))?;
    let configuration = bucket.prop("ObjectLockConfiguration");
    Ok(Verdict::from_pass(
        flag(enabled) == Some(true)
            && configuration.is_some()
            && primitive_is(member(configuration, "ObjectLockEnabled")?, "Enabled")?,
    ))
}
