//! ElastiCache Redis replication groups require Redis AUTH.

use crate::rule::prelude::*;

/// ElastiCache Redis replication groups require Redis AUTH.
pub static RULE: Rule = Rule {
    name: "ElastiCacheRedisClusterRedisAuth",
    service: "elasticache",
    info: "The ElastiCache Redis replication group does not use Redis AUTH.",
    explanation: "Without AUTH anyone who can reach the port can read and change the cache. Set AuthToken (from a secret) together with in-transit encryption.",
    resource_types: &["AWS::ElastiCache::ReplicationGroup"],
    check,
};

fn check(group: &Resource, _: &Template) -> Outcome {
    let token = group.prop("AuthToken");
    Ok(Verdict::from_pass(
        !is_nullish(token) && js_length(token) != Some(0),
    ))
}
