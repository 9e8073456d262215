use super::*;
use crate::rules::testing::*;

const BUCKET: &str = "AWS::S3::Bucket";

#[test]
fn s3_bucket_default_lock_enabled() {
    expect(
        &s3_bucket_default_lock_enabled::RULE,
        &[
            (
                one(
                    BUCKET,
                    r#"{"ObjectLockEnabled":true,"ObjectLockConfiguration":{"ObjectLockEnabled":"Enabled"}}"#,
                ),
                Pass,
            ),
            (
                one(
                    BUCKET,
                    r#"{"ObjectLockEnabled":"true","ObjectLockConfiguration":{"ObjectLockEnabled":"Enabled"}}"#,
                ),
                Pass,
            ),
            (one(BUCKET, r#"{"ObjectLockEnabled":true}"#), Fail),
            (one(BUCKET, r#"{"ObjectLockEnabled":{"Ref":"P"}}"#), Unknown),
            (one("AWS::SQS::Queue", "{}"), Skip),
        ],
    );
}

#[test]
fn s3_bucket_level_public_access_prohibited() {
    expect(
        &s3_bucket_level_public_access_prohibited::RULE,
        &[
            (one(BUCKET, "{}"), Pass),
            (
                one(
                    BUCKET,
                    r#"{"PublicAccessBlockConfiguration":{"BlockPublicAcls":true,"BlockPublicPolicy":true,"IgnorePublicAcls":true,"RestrictPublicBuckets":true}}"#,
                ),
                Pass,
            ),
            (
                one(
                    BUCKET,
                    r#"{"PublicAccessBlockConfiguration":{"BlockPublicAcls":true}}"#,
                ),
                Fail,
            ),
        ],
    );
}

#[test]
fn s3_bucket_logging_enabled() {
    expect(
        &s3_bucket_logging_enabled::RULE,
        &[
            (
                one(
                    BUCKET,
                    r#"{"LoggingConfiguration":{"DestinationBucketName":{"Ref":"Logs"}}}"#,
                ),
                Pass,
            ),
            (one(BUCKET, "{}"), Fail),
            (
                many(
                    r#""Logs":{"Type":"AWS::S3::Bucket"},"Data":{"Type":"AWS::S3::Bucket","Properties":{"LoggingConfiguration":{"DestinationBucketName":{"Ref":"Logs"}}}}"#,
                ),
                Pass,
            ),
            (
                many(
                    r#""Logs":{"Type":"AWS::S3::Bucket"},"Data":{"Type":"AWS::S3::Bucket","Properties":{"LoggingConfiguration":{"DestinationBucketName":{"Ref":"LogsOther"}}}}"#,
                ),
                Fail,
            ),
        ],
    );
}

#[test]
fn s3_bucket_public_read_and_write_prohibited() {
    let blocked = r#"{"PublicAccessBlockConfiguration":{"BlockPublicPolicy":true,"BlockPublicAcls":true},"AccessControl":"PublicReadWrite"}"#;
    let read_acl = r#"{"PublicAccessBlockConfiguration":{"BlockPublicPolicy":true},"AccessControl":"PublicRead"}"#;
    expect(
        &s3_bucket_public_read_prohibited::RULE,
        &[
            (one(BUCKET, blocked), Pass),
            (one(BUCKET, read_acl), Fail),
            (one(BUCKET, "{}"), Fail),
        ],
    );
    expect(
        &s3_bucket_public_write_prohibited::RULE,
        &[
            (one(BUCKET, blocked), Pass),
            (one(BUCKET, read_acl), Pass),
            (
                one(
                    BUCKET,
                    r#"{"PublicAccessBlockConfiguration":{"BlockPublicPolicy":true},"AccessControl":"PublicReadWrite"}"#,
                ),
                Fail,
            ),
        ],
    );
}

#[test]
fn s3_bucket_replication_enabled() {
    expect(
        &s3_bucket_replication_enabled::RULE,
        &[
            (
                one(
                    BUCKET,
                    r#"{"ReplicationConfiguration":{"Role":"r","Rules":[{"Status":"Enabled"}]}}"#,
                ),
                Pass,
            ),
            (
                one(
                    BUCKET,
                    r#"{"ReplicationConfiguration":{"Role":"r","Rules":[{"Status":"Disabled"}]}}"#,
                ),
                Fail,
            ),
            (one(BUCKET, "{}"), Fail),
        ],
    );
}

#[test]
fn s3_bucket_versioning_enabled() {
    expect(
        &s3_bucket_versioning_enabled::RULE,
        &[
            (
                one(
                    BUCKET,
                    r#"{"VersioningConfiguration":{"Status":"Enabled"}}"#,
                ),
                Pass,
            ),
            (
                one(
                    BUCKET,
                    r#"{"VersioningConfiguration":{"Status":"Suspended"}}"#,
                ),
                Fail,
            ),
            (
                one(
                    BUCKET,
                    r#"{"VersioningConfiguration":{"Status":{"Fn::Sub":"Enabled"}}}"#,
                ),
                Unknown,
            ),
            (one(BUCKET, "{}"), Fail),
        ],
    );
}

#[test]
fn s3_default_encryption_kms() {
    expect(
        &s3_default_encryption_kms::RULE,
        &[
            (
                one(
                    BUCKET,
                    r#"{"BucketEncryption":{"ServerSideEncryptionConfiguration":[{"ServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms"}}]}}"#,
                ),
                Pass,
            ),
            (
                one(
                    BUCKET,
                    r#"{"BucketEncryption":{"ServerSideEncryptionConfiguration":[{"ServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"}}]}}"#,
                ),
                Fail,
            ),
            (one(BUCKET, "{}"), Fail),
        ],
    );
}

const SSL_POLICY: &str = r#""Policy":{"Type":"AWS::S3::BucketPolicy","Properties":{"Bucket":{"Ref":"Data"},"PolicyDocument":{"Statement":[{"Effect":"Deny","Action":"s3:*","Principal":{"AWS":"*"},"Condition":{"Bool":{"aws:SecureTransport":"false"}},"Resource":[{"Fn::GetAtt":["Data","Arn"]},{"Fn::Join":["",[{"Fn::GetAtt":["Data","Arn"]},"/*"]]}]}]}}}"#;

#[test]
fn s3_bucket_ssl_requests_only() {
    expect(
        &s3_bucket_ssl_requests_only::RULE,
        &[
            (
                many(&format!(
                    r#""Data":{{"Type":"AWS::S3::Bucket"}},{SSL_POLICY}"#
                )),
                Pass,
            ),
            (
                many(&format!(
                    r#"{SSL_POLICY},"Data":{{"Type":"AWS::S3::Bucket"}}"#
                )),
                Pass,
            ),
            (many(r#""Data":{"Type":"AWS::S3::Bucket"}"#), Fail),
            (
                many(&format!(
                    r#"{},"Data":{{"Type":"AWS::S3::Bucket"}}"#,
                    SSL_POLICY.replace("\"false\"", "\"true\"")
                )),
                Fail,
            ),
        ],
    );
}

#[test]
fn s3_web_bucket_oai_access() {
    let oai = r#""Policy":{"Type":"AWS::S3::BucketPolicy","Properties":{"Bucket":{"Ref":"Site"},"PolicyDocument":{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Principal":{"CanonicalUser":"abc"}}]}}}"#;
    expect(
        &s3_web_bucket_oai_access::RULE,
        &[
            (one(BUCKET, "{}"), Pass),
            (
                many(&format!(
                    r#""Site":{{"Type":"AWS::S3::Bucket","Properties":{{"WebsiteConfiguration":{{}}}}}},{oai}"#
                )),
                Pass,
            ),
            (
                many(
                    r#""Site":{"Type":"AWS::S3::Bucket","Properties":{"WebsiteConfiguration":{}}}"#,
                ),
                Fail,
            ),
            (
                many(&format!(
                    r#""Site":{{"Type":"AWS::S3::Bucket","Properties":{{"WebsiteConfiguration":{{}}}}}},{}"#,
                    oai.replace(r#"{"CanonicalUser":"abc"}"#, r#""*""#)
                )),
                Fail,
            ),
        ],
    );
}
