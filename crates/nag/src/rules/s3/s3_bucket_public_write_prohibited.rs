//! S3 buckets block public policies and do not grant public write through ACLs.

use super::public_access::blocks_public_acl_grants;
use crate::rule::prelude::*;

/// S3 buckets prohibit public write access.
pub static RULE: Rule = Rule {
    name: "S3BucketPublicWriteProhibited",
    service: "s3",
    info: "The S3 bucket's public access settings and ACL do not rule out public writes.",
    explanation: "A publicly writable bucket can be filled or overwritten by anyone. Block public policies and ACLs and do not grant write access to AllUsers or AuthenticatedUsers.",
    resource_types: &["AWS::S3::Bucket"],
    check,
};

fn check(bucket: &Resource, _: &Template) -> Outcome {
    blocks_public_acl_grants(bucket, &["PublicReadWrite"])
}
