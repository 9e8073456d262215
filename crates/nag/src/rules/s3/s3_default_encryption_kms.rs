//! S3 buckets encrypt by default with KMS.

use crate::rule::prelude::*;

/// S3 buckets are encrypted with a KMS key by default.
pub static RULE: Rule = Rule {
    name: "S3DefaultEncryptionKMS",
    service: "s3",
    resource_types: &["AWS::S3::Bucket"],
    check,
};

fn check(bucket: &Resource, _: &Template) -> Outcome {
    let encryption = bucket.prop("BucketEncryption");
    if is_nullish(encryption) {
        return Ok(Verdict::NonCompliant);
    }
    for rule in items(member(encryption, "ServerSideEncryptionConfiguration")?)? {
        let default = member(Some(rule), "ServerSideEncryptionByDefault")?;
        if is_nullish(default) {
            return Ok(Verdict::NonCompliant);
        }
        let algorithm = primitive(member(default, "SSEAlgorithm")?)?;
        if text(algorithm)?.to_lowercase() != "aws:kms" {
            return Ok(Verdict::NonCompliant);
        }
    }
    Ok(Verdict::Compliant)
}
