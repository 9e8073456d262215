//! Redshift clusters do not use the default admin user name awsuser.

use crate::rule::prelude::*;

/// Redshift clusters do not use the default admin user name awsuser.
pub static RULE: Rule = Rule {
    name: "RedshiftClusterNonDefaultUsername",
    service: "redshift",
    info: "The Redshift cluster uses the default admin user name 'awsuser'.",
    explanation: "A well-known user name halves the work of guessing credentials. Choose a different MasterUsername.",
    resource_types: &["AWS::Redshift::Cluster"],
    check,
};

fn check(cluster: &Resource, _: &Template) -> Outcome {
    Ok(Verdict::from_pass(!primitive_is(
        cluster.prop("MasterUsername"),
        "awsuser",
    )?))
}
