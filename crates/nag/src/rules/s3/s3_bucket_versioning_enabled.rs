//! S3 buckets have versioning configured and not suspended.

use crate::rule::prelude::*;

/// S3 buckets have versioning enabled.
pub static RULE: Rule = Rule {
    name: "S3BucketVersioningEnabled",
    service: "s3",
    info: "The S3 bucket does not keep object versions.",
    explanation: "Versioning lets you restore objects after accidental deletion or overwrites. Set VersioningConfiguration Status to Enabled.",
    resource_types: &["AWS::S3::Bucket"],
    check,
};

fn check(bucket: &Resource, _: &Template) -> Outcome {
    let versioning = bucket.prop("VersioningConfiguration");
    Ok(Verdict::from_pass(
        versioning.is_some() && !primitive_is(member(versioning, "Status")?, "Suspended")?,
    ))
}
