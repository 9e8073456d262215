//! ElastiCache clusters do not listen on the engine default port (6379 for Redis, 11211 for Memcached).

use crate::rule::prelude::*;

/// ElastiCache clusters do not listen on the engine default port (6379 for Redis, 11211 for Memcached).
pub static RULE: Rule = Rule {
    name: "ElastiCacheClusterNonDefaultPort",
    service: "elasticache",
    info: "The ElastiCache cluster uses the default port of its engine.",
    explanation: "Default ports are what scanners try first. Set Port to a non-default value; this adds a small hurdle on top of network controls.",
    resource_types: &[
        "AWS::ElastiCache::CacheCluster",
        "AWS::ElastiCache::ReplicationGroup",
    ],
    check,
};

fn check(cluster: &Resource, _: &Template) -> Outcome {
    let port = primitive(cluster.prop("Port"))?;
    if is_nullish(port) {
        return Ok(Verdict::NonCompliant);
    }
    let engine = primitive(cluster.prop("Engine"))?;
    if cluster.resource_type == "AWS::ElastiCache::CacheCluster" {
        let engine = text(engine)?.to_lowercase();
        let default = (engine == "redis" && loose_eq_number(port, 6379.0))
            || (engine == "memcached" && loose_eq_number(port, 11211.0));
        return Ok(Verdict::from_pass(!default));
    }
    let redis = is_nullish(engine) || text(engine)?.to_lowercase() == "redis";
    Ok(Verdict::from_pass(
        !(redis && loose_eq_number(port, 6379.0)),
    ))
}
