//! ElastiCache Redis replication groups encrypt data at rest and in transit.

use crate::rule::prelude::*;

/// ElastiCache Redis replication groups encrypt data at rest and in transit.
pub static RULE: Rule = Rule {
    name: "ElastiCacheRedisClusterEncryption",
    service: "elasticache",
    info: "The ElastiCache Redis replication group does not encrypt data both at rest and in transit.",
    explanation: "Cached data is often as sensitive as the database behind it. Set AtRestEncryptionEnabled and TransitEncryptionEnabled to true.",
    resource_types: &["AWS::ElastiCache::ReplicationGroup"],
    check,
};

fn check(group: &Resource, _: &Template) -> Outcome {
    if is_nullish(group.prop("AtRestEncryptionEnabled"))
        || is_nullish(group.prop("TransitEncryptionEnabled"))
    {
        return Ok(Verdict::NonCompliant);
    }
    let at_rest = primitive(group.prop("AtRestEncryptionEnabled"))?;
    let in_transit = primitive(group.prop("TransitEncryptionEnabled"))?;
    Ok(Verdict::from_pass(
        !loose_false(at_rest) && !loose_false(in_transit),
    ))
}
