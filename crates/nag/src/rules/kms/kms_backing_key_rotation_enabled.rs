//! Symmetric KMS keys have automatic key rotation enabled.

use crate::rule::prelude::*;

/// KMS symmetric keys have key rotation enabled.
pub static RULE: Rule = Rule {
    name: "KMSBackingKeyRotationEnabled",
    service: "kms",
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
