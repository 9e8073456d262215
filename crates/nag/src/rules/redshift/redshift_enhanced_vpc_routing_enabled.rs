//! Redshift clusters use enhanced VPC routing.

use crate::rule::prelude::*;

/// Redshift clusters use enhanced VPC routing.
pub static RULE: Rule = Rule {
    name: "RedshiftEnhancedVPCRoutingEnabled",
    service: "redshift",
    resource_types: &["AWS::Redshift::Cluster"],
    check,
};

fn check(cluster: &Resource, _: &Template) -> Outcome {
    Ok(Verdict::from_pass(
        flag(primitive(cluster.prop("EnhancedVpcRouting"))?) == Some(true),
    ))
}
