use super::*;
use crate::rules::testing::*;

const CLUSTER: &str = "AWS::Neptune::DBCluster";

#[test]
fn neptune_rules() {
    const INSTANCE: &str = "AWS::Neptune::DBInstance";
    expect(
        &neptune_cluster_automatic_minor_version_upgrade::RULE,
        &[
            (one(INSTANCE, r#"{"AutoMinorVersionUpgrade":true}"#), Pass),
            (one(INSTANCE, r#"{"AutoMinorVersionUpgrade":false}"#), Fail),
            (one(INSTANCE, "{}"), Fail),
        ],
    );
    expect(
        &neptune_cluster_backup_retention_period::RULE,
        &[
            (one(CLUSTER, r#"{"BackupRetentionPeriod":7}"#), Pass),
            (one(CLUSTER, r#"{"BackupRetentionPeriod":1}"#), Fail),
            (one(CLUSTER, "{}"), Fail),
        ],
    );
    expect(
        &neptune_cluster_encryption_at_rest::RULE,
        &[
            (one(CLUSTER, r#"{"StorageEncrypted":true}"#), Pass),
            (one(CLUSTER, "{}"), Fail),
        ],
    );
    expect(
        &neptune_cluster_iam_auth::RULE,
        &[
            (one(CLUSTER, r#"{"IamAuthEnabled":"true"}"#), Pass),
            (one(CLUSTER, r#"{"IamAuthEnabled":false}"#), Fail),
            (one(CLUSTER, r#"{"IamAuthEnabled":{"Ref":"P"}}"#), Unknown),
        ],
    );
    expect(
        &neptune_cluster_multi_az::RULE,
        &[
            (one(CLUSTER, r#"{"DBSubnetGroupName":"private"}"#), Pass),
            (
                one(
                    CLUSTER,
                    r#"{"DBSubnetGroupName":"private","AvailabilityZones":["a","b"]}"#,
                ),
                Pass,
            ),
            (
                one(
                    CLUSTER,
                    r#"{"DBSubnetGroupName":"private","AvailabilityZones":["a"]}"#,
                ),
                Fail,
            ),
            (one(CLUSTER, "{}"), Fail),
        ],
    );
}
