//! Redshift clusters are encrypted at rest.

use crate::rule::prelude::*;

/// Redshift clusters are encrypted at rest.
pub static RULE: Rule = Rule {
    name: "RedshiftClusterEncryptionAtRest",
    service: "redshift",
    resource_types: &["AWS::Redshift::Cluster"],
    check,
};

fn check(cluster: &Resource, _: &Template) -> Outcome {
    let encrypted = cluster.prop("Encrypted");
    Ok(Verdict::from_pass(
        !is_nullish(encrypted) && truthy_flag(primitive(encrypted)?),
    ))
}
