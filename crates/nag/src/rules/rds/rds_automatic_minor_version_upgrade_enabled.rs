//! RDS DB instances upgrade minor engine versions automatically.

use crate::rule::prelude::*;

/// RDS DB instances upgrade minor engine versions automatically.
pub static RULE: Rule = Rule {
    name: "RDSAutomaticMinorVersionUpgradeEnabled",
    service: "rds",
    info: "The RDS DB instance does not have automatic minor version upgrades enabled.",
    explanation: "Minor versions carry security and stability fixes; applying them in the maintenance window keeps the engine current. Do not set AutoMinorVersionUpgrade to false.",
    resource_types: &["AWS::RDS::DBInstance"],
    check,
};

fn check(instance: &Resource, _: &Template) -> Outcome {
    let upgrade = primitive(instance.prop("AutoMinorVersionUpgrade"))?;
    Ok(Verdict::from_pass(flag(upgrade) != Some(false)))
}
