//! Redshift clusters allow automatic major version upgrades.

use crate::rule::prelude::*;

/// Redshift clusters allow automatic major version upgrades.
pub static RULE: Rule = Rule {
    name: "RedshiftClusterVersionUpgrade",
    service: "redshift",
    info: "The Redshift cluster does not allow automatic version upgrades.",
    explanation: "Engine upgrades bring security and stability fixes. Leave AllowVersionUpgrade on so they are applied in the maintenance window.",
    resource_types: &["AWS::Redshift::Cluster"],
    check,
};

fn check(cluster: &Resource, _: &Template) -> Outcome {
    Ok(Verdict::from_pass(
        flag(primitive(cluster.prop("AllowVersionUpgrade"))?) != Some(false),
    ))
}
