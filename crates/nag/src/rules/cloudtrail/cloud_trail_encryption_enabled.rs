//! CloudTrail trails encrypt their log files with a KMS key.

use crate::rule::prelude::*;

/// CloudTrail trails encrypt their log files with a KMS key.
pub static RULE: Rule = Rule {
    name: "CloudTrailEncryptionEnabled",
    service: "cloudtrail",
    info: "The CloudTrail trail does not encrypt its log files with a KMS key.",
    explanation: "Trail logs describe everything done in the account; KMS encryption limits who can read them. Set KMSKeyId on the trail.",
    resource_types: &["AWS::CloudTrail::Trail"],
    check,
};

fn check(trail: &Resource, _: &Template) -> Outcome {
    Ok(Verdict::from_pass(!is_nullish(trail.prop("KMSKeyId"))))
}
