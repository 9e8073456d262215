//! Neptune DB clusters authenticate with IAM.

use crate::rule::prelude::*;

/// Neptune DB clusters authenticate with IAM.
pub static RULE: Rule = Rule {
    name: "NeptuneClusterIAMAuth",
    service: "neptune",
    info: "The Neptune DB cluster does not use IAM database authentication.",
    explanation: "IAM authentication replaces long-lived database passwords with short-lived signed requests tied to IAM identities. Set IamAuthEnabled to true.",
    resource_types: &["AWS::Neptune::DBCluster"],
    check,
};

fn check(resource: &Resource, _: &Template) -> Outcome {
    if is_nullish(resource.prop("IamAuthEnabled")) {
        return Ok(Verdict::NonCompliant);
    }
    let enabled = primitive(resource.prop("IamAuthEnabled"))?;
    Ok(Verdict::from_pass(truthy_flag(enabled)))
}
