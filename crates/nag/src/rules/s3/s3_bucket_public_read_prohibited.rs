//! S3 buckets block public policies and do not grant public read through ACLs.

use super::public_access::blocks_public_acl_grants;
use crate::rule::prelude::*;

/// S3 buckets prohibit public read access.
pub static RULE: Rule = Rule {
    name: "S3BucketPublicReadProhibited",
    service: "s3",
    info: "The S3 bucket's public access settings and ACL do not rule out public reads.",
    explanation: "Data in a publicly readable bucket can be downloaded by anyone. Block public policies and ACLs and do not grant read access to AllUsers or AuthenticatedUsers.",
    resource_types: &["AWS::S3::Bucket"],
    check,
};

fn check(bucket: &Resource, _: &Template) -> Outcome {
    blocks_public_acl_grants(bucket, &["PublicRead", "PublicReadWrite"])
}
