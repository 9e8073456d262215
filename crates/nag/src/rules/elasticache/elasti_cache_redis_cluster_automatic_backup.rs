//! ElastiCache Redis clusters keep automatic backups for at least 15 days.

use crate::rule::prelude::*;

/// ElastiCache Redis clusters keep automatic backups for at least 15 days.
pub static RULE: Rule = Rule {
    name: "ElastiCacheRedisClusterAutomaticBackup",
    service: "elasticache",
    info: "The ElastiCache Redis cluster keeps automatic backups for less than 15 days.",
    explanation: "Backups let you restore the cache after data loss; a longer window gives time to notice problems. Set SnapshotRetentionLimit to 15 or more.",
    resource_types: &[
        "AWS::ElastiCache::CacheCluster",
        "AWS::ElastiCache::ReplicationGroup",
    ],
    check,
};

fn check(cluster: &Resource, _: &Template) -> Outcome {
    let short = |retention: Slot| is_nullish(retention) || less_than(retention, 15.0);
    if cluster.resource_type == "AWS::ElastiCache::CacheCluster" {
        // cdk-nag lowercases the raw engine first: an unresolved engine is never "redis".
        let redis = match cluster.prop("Engine") {
            None | Some(Value::Null) => {
                return Err(Unresolvable("the cache cluster has no engine".to_owned()));
            }
            Some(Value::String(engine)) => engine.to_lowercase() == "redis",
            Some(_) => false,
        };
        let retention = primitive(cluster.prop("SnapshotRetentionLimit"))?;
        return Ok(Verdict::from_pass(!(redis && short(retention))));
    }
    let retention = primitive(cluster.prop("SnapshotRetentionLimit"))?;
    Ok(Verdict::from_pass(!short(retention)))
}
