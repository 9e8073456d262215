//! CloudTrail trails have log file integrity validation on.

use crate::rule::prelude::*;

/// CloudTrail trails have log file integrity validation on.
pub static RULE: Rule = Rule {
    name: "CloudTrailLogFileValidationEnabled",
    service: "cloudtrail",
    info: "The CloudTrail trail does not validate the integrity of its log files.",
    explanation: "Digest files let you prove that delivered logs were not changed or deleted afterwards. Set EnableLogFileValidation to true.",
    resource_types: &["AWS::CloudTrail::Trail"],
    check,
};

fn check(trail: &Resource, _: &Template) -> Outcome {
    let enabled = primitive(trail.prop("EnableLogFileValidation"))?;
    Ok(Verdict::from_pass(loose_true(enabled)))
}
