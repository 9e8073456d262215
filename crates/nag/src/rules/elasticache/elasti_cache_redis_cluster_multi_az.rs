//! ElastiCache Redis replication groups span several availability zones.

use crate::rule::prelude::*;

/// ElastiCache Redis replication groups span several availability zones.
pub static RULE: Rule = Rule {
    name: "ElastiCacheRedisClusterMultiAZ",
    service: "elasticache",
    info: "The ElastiCache Redis replication group is not deployed across multiple availability zones.",
    explanation: "With Multi-AZ, a replica in another zone takes over automatically when the primary fails. Set MultiAZEnabled to true.",
    resource_types: &["AWS::ElastiCache::ReplicationGroup"],
    check,
};

fn check(group: &Resource, _: &Template) -> Outcome {
    if is_nullish(group.prop("MultiAZEnabled")) {
        return Ok(Verdict::NonCompliant);
    }
    let multi_az = primitive(group.prop("MultiAZEnabled"))?;
    Ok(Verdict::from_pass(truthy_flag(multi_az)))
}
