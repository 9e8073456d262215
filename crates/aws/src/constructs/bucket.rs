//! The secure bucket every construct uses: encrypted, private, versioned,
//! TLS-only, access-logged.

use serde_json::{Value, json};

use super::nag::suppress_in_compliance_packs;
use crate::stack::{Handle, StackBuilder};
use crate::template::{DeletionPolicy, intrinsics};

/// How a bucket's objects are encrypted at rest.
pub(crate) enum Encryption {
    /// SSE-S3: required for a bucket receiving S3 server access logs.
    S3Managed,
    /// SSE-KMS with this key ARN, with S3 bucket keys.
    Kms(Value),
}

/// Where a bucket's server access logs go: the log bucket's name and a prefix.
pub(crate) struct AccessLog {
    pub(crate) bucket: Value,
    pub(crate) prefix: String,
}

/// A bucket to create.
pub(crate) struct BucketSpec {
    /// The bucket name (usually a `Fn::Sub` with account and region).
    pub(crate) name: Value,
    pub(crate) encryption: Encryption,
    /// Access logging; `None` only for the access-log bucket itself.
    pub(crate) access_log: Option<AccessLog>,
    /// Lifecycle rules beyond the defaults (noncurrent versions and
    /// incomplete uploads expire).
    pub(crate) lifecycle: Vec<Value>,
    /// Bucket policy statements beyond the TLS-only denial.
    pub(crate) policy: Vec<Value>,
}

/// A created bucket.
pub(crate) struct BucketRef {
    pub(crate) handle: Handle,
}

impl BucketRef {
    /// The bucket name.
    pub(crate) fn name(&self) -> Value {
        self.handle.ref_()
    }

    /// The bucket ARN.
    pub(crate) fn arn(&self) -> Value {
        self.handle.arn()
    }
}

/// `arn/suffix` (e.g. `arn/*` for the objects), joined.
pub(crate) fn arn_with(arn: &Value, suffix: &str) -> Value {
    intrinsics::join("", vec![arn.clone(), json!(suffix)])
}

/// Adds a bucket at `path` and its policy at `path/Policy`.
pub(crate) fn secure_bucket(stack: &mut StackBuilder, path: &str, spec: BucketSpec) -> BucketRef {
    let encryption = match &spec.encryption {
        Encryption::S3Managed => json!({ "SSEAlgorithm": "AES256" }),
        Encryption::Kms(key) => json!({ "SSEAlgorithm": "aws:kms", "KMSMasterKeyID": key }),
    };
    let mut rules = vec![
        json!({
            "Id": "ExpireNoncurrentVersions",
            "Status": "Enabled",
            "NoncurrentVersionExpiration": { "NoncurrentDays": 90 }
        }),
        json!({
            "Id": "AbortIncompleteUploads",
            "Status": "Enabled",
            "AbortIncompleteMultipartUpload": { "DaysAfterInitiation": 7 }
        }),
    ];
    rules.extend(spec.lifecycle);
    let mut properties = json!({
        "BucketName": spec.name,
        "BucketEncryption": {
            "ServerSideEncryptionConfiguration": [{
                "ServerSideEncryptionByDefault": encryption,
                "BucketKeyEnabled": matches!(spec.encryption, Encryption::Kms(_)),
            }]
        },
        "PublicAccessBlockConfiguration": {
            "BlockPublicAcls": true,
            "BlockPublicPolicy": true,
            "IgnorePublicAcls": true,
            "RestrictPublicBuckets": true
        },
        "OwnershipControls": { "Rules": [{ "ObjectOwnership": "BucketOwnerEnforced" }] },
        "VersioningConfiguration": { "Status": "Enabled" },
        "LifecycleConfiguration": { "Rules": rules },
    });
    if let Some(log) = &spec.access_log {
        properties["LoggingConfiguration"] = json!({
            "DestinationBucketName": log.bucket,
            "LogFilePrefix": log.prefix,
        });
    }
    let handle = stack.add(path, "AWS::S3::Bucket", properties);
    stack.resource_mut(&handle).deletion_policy = Some(DeletionPolicy::Retain);
    suppress_in_compliance_packs(
        stack,
        &handle,
        "S3BucketReplicationEnabled",
        "Cross-region replication is a disaster-recovery choice of the platform team; versioning and retention protect the data in region.",
    );
    stack.suppress(
        &handle,
        "NIST.800.53.R4-S3BucketDefaultLockEnabled",
        "Object Lock would make every object immutable and defeat lifecycle expiry; versioning with 90-day noncurrent retention protects against overwrites and deletes.",
    );
    let bucket = BucketRef { handle };
    let mut statements = vec![json!({
        "Sid": "DenyInsecureTransport",
        "Effect": "Deny",
        "Principal": { "AWS": "*" },
        "Action": "s3:*",
        "Resource": [bucket.arn(), arn_with(&bucket.arn(), "/*")],
        "Condition": { "Bool": { "aws:SecureTransport": "false" } }
    })];
    statements.extend(spec.policy);
    stack.add(
        &format!("{path}/Policy"),
        "AWS::S3::BucketPolicy",
        json!({
            "Bucket": bucket.name(),
            "PolicyDocument": { "Version": "2012-10-17", "Statement": statements },
        }),
    );
    bucket
}

/// Statements letting a role read (and, with `write`, write) objects under
/// `prefix` of a bucket (`arn`), and use its KMS `key` when it has one.
pub(crate) fn access_statements(
    arn: &Value,
    prefix: &str,
    key: Option<&Value>,
    write: bool,
) -> Vec<Value> {
    let objects = arn_with(arn, &format!("/{prefix}*"));
    let mut object_actions = vec!["s3:GetObject", "s3:GetObjectVersion"];
    let mut key_actions = vec!["kms:Decrypt"];
    if write {
        object_actions.extend(["s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"]);
        key_actions.push("kms:GenerateDataKey");
    }
    let mut statements = vec![
        super::iam::allow(
            &["s3:ListBucket", "s3:GetBucketLocation"],
            vec![arn.clone()],
        ),
        super::iam::allow(&object_actions, vec![objects]),
    ];
    if let Some(key) = key {
        statements.push(super::iam::allow(&key_actions, vec![key.clone()]));
    }
    statements
}
