//! Redshift clusters use enhanced VPC routing.

use crate::rule::prelude::*;

/// Redshift clusters use enhanced VPC routing.
pub static RULE: Rule = Rule {
    name: "RedshiftEnhancedVPCRoutingEnabled",
    service: "redshift",
    info: "The Redshift cluster does not use enhanced VPC routing.",
    explanation: "With enhanced VPC routing, COPY and UNLOAD traffic stays in your VPC where security groups, endpoints and flow logs apply. Set EnhancedVpcRouting to true.",
    resource_types: &["AWS::Redshift::Cluster"],
    check,
};

fn check(cluster: &Resource, _: &Template) -> Outcome {
    Ok(Verdict::from_pass(
        flag(primitive(cluster.prop("EnhancedVpcRouting"))?) == Some(true),
    ))
}
