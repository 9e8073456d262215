//! Redshift clusters are placed in a VPC through a cluster subnet group.

use crate::rule::prelude::*;

/// Redshift clusters are placed in a VPC through a cluster subnet group.
pub static RULE: Rule = Rule {
    name: "RedshiftClusterInVPC",
    service: "redshift",
    info: "The Redshift cluster is not placed in a VPC.",
    explanation: "A cluster outside a VPC cannot be isolated with subnets and security groups. Set ClusterSubnetGroupName to a subnet group of your VPC.",
    resource_types: &["AWS::Redshift::Cluster"],
    check,
};

fn check(cluster: &Resource, _: &Template) -> Outcome {
    let group = cluster.prop("ClusterSubnetGroupName");
    Ok(Verdict::from_pass(!is_nullish(group) && !is_str(group, "")))
}
