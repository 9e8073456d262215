//! S3 buckets encrypt by default with KMS.

use crate::rule::prelude::*;

/// S3 buckets default to KMS encryption for new objects.
pub static RULE: Rule = Rule {
    name: "S3DefaultEncryptionKMS",
    service: "s3",
    info: "The S3 bucket does not encrypt objects with a KMS key by default.",
    explanation: "KMS encryption puts access to object data under a key policy and records key use in CloudTrail. Set the bucket's default encryption to aws:kms (or aws:kms:dsse).",
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
