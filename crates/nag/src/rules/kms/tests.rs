use super::*;
use crate::rules::testing::*;

#[test]
fn kms_backing_key_rotation_enabled() {
    expect(
        &kms_backing_key_rotation_enabled::RULE,
        &[
            (one("AWS::KMS::Key", r#"{"EnableKeyRotation":true}"#), Pass),
            (one("AWS::KMS::Key", r#"{"KeySpec":"RSA_2048"}"#), Pass),
            (one("AWS::KMS::Key", "{}"), Fail),
            (
                one("AWS::KMS::Key", r#"{"EnableKeyRotation":{"Ref":"P"}}"#),
                Unknown,
            ),
        ],
    );
}
