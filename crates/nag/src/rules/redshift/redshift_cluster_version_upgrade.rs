//! Redshift clusters allow automatic major version upgrades.

use crate::rule::prelude::*;

/// Redshift clusters allow automatic major version upgrades.
pub static RULE: Rule = Rule {
    name: "RedshiftClusterVersionUpgrade",
    service: "redshift",
    resource_types: &["AWS::Redshift::Cluster"],
    check,
};

fn check(cluster: &Resource, _: &Template) -> Outcome {
    Ok(Verdict::from_pass(
        flag(primitive(cluster.prop("AllowVersionUpgrade"))?) != Some(false),
    ))
}
