//! Redshift clusters have audit logging configured.

use crate::rule::prelude::*;

/// Redshift clusters have audit logging configured.
pub static RULE: Rule = Rule {
    name: "RedshiftClusterAuditLogging",
    service: "redshift",
    resource_types: &["AWS::Redshift::Cluster"],
    check,
};

fn check(cluster: &Resource, _: &Template) -> Outcome {
    Ok(Verdict::from_pass(!is_nullish(
        cluster.prop("LoggingProperties"),
    )))
}
