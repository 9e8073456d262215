//! Redshift clusters are placed in a VPC through a cluster subnet group.

use crate::rule::prelude::*;

/// Redshift clusters are placed in a VPC through a cluster subnet group.
pub static RULE: Rule = Rule {
    name: "RedshiftClusterInVPC",
    service: "redshift",
    resource_types: &["AWS::Redshift::Cluster"],
    check,
};

fn check(cluster: &Resource, _: &Template) -> Outcome {
    let group = cluster.prop("ClusterSubnetGroupName");
    Ok(Verdict::from_pass(!is_nullish(group) && !is_str(group, "")))
}
