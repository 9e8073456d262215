//! Customer managed KMS keys with rotation, and encrypted log groups.

use serde_json::json;

use crate::stack::{Handle, StackBuilder};
use crate::template::DeletionPolicy;
use crate::template::intrinsics;

/// Adds a KMS key at `path` with yearly rotation. The account administers it
/// through IAM; CloudWatch Logs of this account and region may use it for
/// log groups.
pub(crate) fn key(stack: &mut StackBuilder, path: &str, description: &str) -> Handle {
    let handle = stack.add(
        path,
        "AWS::KMS::Key",
        json!({
            "Description": description,
            "EnableKeyRotation": true,
            "KeyPolicy": {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Sid": "AccountAdministersThroughIam",
                        "Effect": "Allow",
                        "Principal": { "AWS": intrinsics::arn("iam::${AWS::AccountId}:root") },
                        "Action": "kms:*",
                        "Resource": "*"
                    },
                    {
                        "Sid": "CloudWatchLogsOfThisAccount",
                        "Effect": "Allow",
                        "Principal": { "Service": intrinsics::sub("logs.${AWS::Region}.amazonaws.com") },
                        "Action": ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
                        "Resource": "*",
                        "Condition": {
                            "ArnLike": {
                                "kms:EncryptionContext:aws:logs:arn": intrinsics::arn("logs:${AWS::Region}:${AWS::AccountId}:*")
                            }
                        }
                    }
                ]
            }
        }),
    );
    stack.resource_mut(&handle).deletion_policy = Some(DeletionPolicy::Retain);
    handle
}

/// Adds a log group at `path`, encrypted with the key `key_arn`, kept for a year.
pub(crate) fn log_group(
    stack: &mut StackBuilder,
    path: &str,
    key_arn: serde_json::Value,
) -> Handle {
    let properties = json!({ "KmsKeyId": key_arn, "RetentionInDays": 365 });
    let handle = stack.add(path, "AWS::Logs::LogGroup", properties);
    stack.resource_mut(&handle).deletion_policy = Some(DeletionPolicy::Retain);
    handle
}
