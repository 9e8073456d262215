//! Redshift clusters have audit logging configured.

use crate::rule::prelude::*;

/// Redshift clusters have audit logging configured.
pub static RULE: Rule = Rule {
    name: "RedshiftClusterAuditLogging",
    service: "redshift",
    info: "The Redshift cluster does not enable audit logging.",
    explanation: "Connection and user logs show who accessed the warehouse and when. Configure LoggingProperties with an S3 bucket or CloudWatch destination.",
    resource_types: &["AWS::Redshift::Cluster"],
    check,
};

fn check(cluster: &Resource, _: &Template) -> Outcome {
    Ok(Verdict::from_pass(!is_nullish(
        cluster.prop("LoggingProperties"),
    )))
}
