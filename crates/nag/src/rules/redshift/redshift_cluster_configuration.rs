//! Redshift clusters are encrypted and have audit logging configured.

use crate::rule::prelude::*;

/// Redshift clusters are encrypted and have audit logging configured.
pub static RULE: Rule = Rule {
    name: "RedshiftClusterConfiguration",
    service: "redshift",
    info: "The Redshift cluster lacks encryption at rest or audit logging.",
    explanation: "Both are needed: encryption protects stored data, and audit logs record access. Set Encrypted to true and configure LoggingProperties.",
    resource_types: &["AWS::Redshift::Cluster"],
    check,
};

fn check(cluster: &Resource, _: &Template) -> Outcome {
    let encrypted = primitive(cluster.prop("Encrypted"))?;
    Ok(Verdict::from_pass(
        truthy_flag(encrypted) && !is_nullish(cluster.prop("LoggingProperties")),
    ))
}
