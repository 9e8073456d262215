use super::*;
use crate::rules::testing::*;

const NODE: &str = "AWS::ElastiCache::CacheCluster";
const GROUP: &str = "AWS::ElastiCache::ReplicationGroup";

#[test]
fn elasti_cache_cluster_in_vpc() {
    expect(
        &elasti_cache_cluster_in_vpc::RULE,
        &[
            (one(NODE, r#"{"CacheSubnetGroupName":"private"}"#), Pass),
            (
                one(GROUP, r#"{"CacheSubnetGroupName":{"Ref":"Subnets"}}"#),
                Pass,
            ),
            (one(GROUP, r#"{"CacheSubnetGroupName":""}"#), Fail),
            (one(NODE, "{}"), Fail),
        ],
    );
}

#[test]
fn elasti_cache_cluster_non_default_port() {
    expect(
        &elasti_cache_cluster_non_default_port::RULE,
        &[
            (one(NODE, r#"{"Engine":"redis","Port":6380}"#), Pass),
            (one(NODE, r#"{"Engine":"Redis","Port":6379}"#), Fail),
            (one(NODE, r#"{"Engine":"memcached","Port":"11211"}"#), Fail),
            (one(NODE, r#"{"Engine":"memcached"}"#), Fail),
            (one(NODE, r#"{"Port":6380}"#), Unknown),
            (one(GROUP, r#"{"Port":6379}"#), Fail),
            (one(GROUP, r#"{"Engine":"valkey","Port":6379}"#), Pass),
        ],
    );
}

#[test]
fn elasti_cache_redis_cluster_automatic_backup() {
    expect(
        &elasti_cache_redis_cluster_automatic_backup::RULE,
        &[
            (
                one(NODE, r#"{"Engine":"redis","SnapshotRetentionLimit":15}"#),
                Pass,
            ),
            (one(NODE, r#"{"Engine":"memcached"}"#), Pass),
            (
                one(NODE, r#"{"Engine":"redis","SnapshotRetentionLimit":5}"#),
                Fail,
            ),
            (one(NODE, r#"{"Engine":{"Ref":"P"}}"#), Pass),
            (one(NODE, "{}"), Unknown),
            (one(GROUP, r#"{"SnapshotRetentionLimit":"20"}"#), Pass),
            (one(GROUP, "{}"), Fail),
        ],
    );
}

#[test]
fn elasti_cache_redis_cluster_encryption_multi_az_and_auth() {
    expect(
        &elasti_cache_redis_cluster_encryption::RULE,
        &[
            (
                one(
                    GROUP,
                    r#"{"AtRestEncryptionEnabled":true,"TransitEncryptionEnabled":"true"}"#,
                ),
                Pass,
            ),
            (
                one(
                    GROUP,
                    r#"{"AtRestEncryptionEnabled":true,"TransitEncryptionEnabled":false}"#,
                ),
                Fail,
            ),
            (one(GROUP, r#"{"AtRestEncryptionEnabled":true}"#), Fail),
        ],
    );
    expect(
        &elasti_cache_redis_cluster_multi_az::RULE,
        &[
            (one(GROUP, r#"{"MultiAZEnabled":true}"#), Pass),
            (one(GROUP, r#"{"MultiAZEnabled":false}"#), Fail),
            (one(GROUP, "{}"), Fail),
        ],
    );
    expect(
        &elasti_cache_redis_cluster_redis_auth::RULE,
        &[
            (
                one(
                    GROUP,
                    r#"{"AuthToken":"{{resolve:secretsmanager:redis:SecretString:token}}"}"#,
                ),
                Pass,
            ),
            (one(GROUP, r#"{"AuthToken":""}"#), Fail),
            (one(GROUP, "{}"), Fail),
            (one(NODE, "{}"), Skip),
        ],
    );
}
