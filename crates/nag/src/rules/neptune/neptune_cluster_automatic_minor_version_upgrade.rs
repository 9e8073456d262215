//! Neptune DB instances upgrade minor engine versions automatically.

use crate::rule::prelude::*;

/// Neptune DB instances upgrade minor engine versions automatically.
pub static RULE: Rule = Rule {
    name: "NeptuneClusterAutomaticMinorVersionUpgrade",
    service: "neptune",
    info: "The Neptune DB instance does not have automatic minor version upgrades enabled.",
    explanation: "Minor versions carry security and stability fixes; applying them automatically keeps the engine current. Set AutoMinorVersionUpgrade to true.",
    resource_types: &["AWS::Neptune::DBInstance"],
    check,
};

fn check(resource: &Resource, _: &Template) -> Outcome {
    if is_nullish(resource.prop("AutoMinorVersionUpgrade")) {
        return Ok(Verdict::NonCompliant);
    }
    let enabled = primitive(resource.prop("AutoMinorVersionUpgrade"))?;
    Ok(Verdict::from_pass(truthy_flag(enabled)))
}
