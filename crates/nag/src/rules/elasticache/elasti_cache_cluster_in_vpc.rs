//! ElastiCache clusters and replication groups run in a VPC subnet group.

use crate::rule::prelude::*;

/// ElastiCache clusters and replication groups run in a VPC subnet group.
pub static RULE: Rule = Rule {
    name: "ElastiCacheClusterInVPC",
    service: "elasticache",
    info: "The ElastiCache cluster has no VPC subnet group.",
    explanation: "Inside a VPC the cache is isolated by subnets and security groups instead of being reachable on a shared network. Set CacheSubnetGroupName to a subnet group of your VPC.",
    resource_types: &[
        "AWS::ElastiCache::CacheCluster",
        "AWS::ElastiCache::ReplicationGroup",
    ],
    check,
};

fn check(cluster: &Resource, _: &Template) -> Outcome {
    let group = cluster.prop("CacheSubnetGroupName");
    Ok(Verdict::from_pass(
        !is_nullish(group) && js_length(group) != Some(0),
    ))
}
