//! Redshift clusters are not publicly accessible.

use crate::rule::prelude::*;

/// Redshift clusters are not publicly accessible.
pub static RULE: Rule = Rule {
    name: "RedshiftClusterPublicAccess",
    service: "redshift",
    info: "The Redshift cluster can be reached from the internet (PubliclyAccessible).",
    explanation: "A public endpoint can be reached from the internet. Set PubliclyAccessible to false and reach the cluster through the VPC.",
    resource_types: &["AWS::Redshift::Cluster"],
    check,
};

fn check(cluster: &Resource, _: &Template) -> Outcome {
    Ok(Verdict::from_pass(
        flag(primitive(cluster.prop("PubliclyAccessible"))?) != Some(true),
    ))
}
