//! S3 buckets block public policies and do not grant public write through ACLs.

use super::public_access::blocks_public_acl_grants;
use crate::rule::prelude::*;

/// S3 buckets prohibit public write access.
pub static RULE: Rule = Rule {
    name: "S3BucketPublicWriteProhibited",
    service: "s3",
    resource_types: &["AWS::S3::Bucket"],
    check,
};

fn check(bucket: &Resource, _: &Template) -> Outcome {
    blocks_public_acl_grants(bucket, &["PublicReadWrite"])
}
