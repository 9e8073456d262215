//! Symmetric KMS keys have automatic key rotation enabled.

use crate::rule::prelude::*;

/// KMS symmetric keys have key rotation enabled.
pub static RULE: Rule = Rule {
    name: "KMSBackingKeyRotationEnabled",
    service: "kms",
    info: "The symmetric KMS key does not rotate automatically.",
    explanation: "Rotating key material regularly limits how much data one key version protects. Set EnableKeyRotation to true.",
    resource_types: &["AWS::KMS::Key"],
    check,
};

fn check(key: &Resource, _: &Template) -> Outcome {
    let spec = key.prop("KeySpec");
    if is_nullish(spec) || is_str(spec, "SYMMETRIC_DEFAULT") {
        return Ok(Verdict::from_pass(
            flag(primitive(key.prop("EnableKeyRotation"))?) == Some(true),
        ));
    }
    Ok(Verdict::Compliant)
}
