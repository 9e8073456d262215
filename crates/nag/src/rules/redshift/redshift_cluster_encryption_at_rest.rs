//! Redshift clusters are encrypted at rest.

use crate::rule::prelude::*;

/// Redshift clusters are encrypted at rest.
pub static RULE: Rule = Rule {
    name: "RedshiftClusterEncryptionAtRest",
    service: "redshift",
    info: "The Redshift cluster is not encrypted at rest.",
    explanation: "Unencrypted warehouse storage and snapshots expose data if media or snapshots leak. Set Encrypted to true, ideally with a customer managed KMS key.",
    resource_types: &["AWS::Redshift::Cluster"],
    check,
};

fn check(cluster: &Resource, _: &Template) -> Outcome {
    let encrypted = cluster.prop("Encrypted");
    Ok(Verdict::from_pass(
        !is_nullish(encrypted) && truthy_flag(primitive(encrypted)?),
    ))
}
