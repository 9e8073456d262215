use super::*;
use crate::rules::testing::*;

const CLUSTER: &str = "AWS::Redshift::Cluster";

#[test]
fn redshift_cluster_settings() {
    let good = one(
        CLUSTER,
        r#"{"Encrypted":true,"LoggingProperties":{"BucketName":"b"},"Port":5440,"MasterUsername":"admin","PubliclyAccessible":false,"AllowVersionUpgrade":true,"EnhancedVpcRouting":true,"ClusterSubnetGroupName":{"Ref":"G"},"PreferredMaintenanceWindow":"sun:05:00-sun:05:30","AutomatedSnapshotRetentionPeriod":7}"#,
    );
    let bad = one(
        CLUSTER,
        r#"{"Encrypted":"false","Port":"5439","MasterUsername":"awsuser","PubliclyAccessible":true,"AllowVersionUpgrade":false,"AutomatedSnapshotRetentionPeriod":0}"#,
    );
    for rule in [
        &redshift_backup_enabled::RULE,
        &redshift_cluster_audit_logging::RULE,
        &redshift_cluster_configuration::RULE,
        &redshift_cluster_encryption_at_rest::RULE,
        &redshift_cluster_in_vpc::RULE,
        &redshift_cluster_maintenance_settings::RULE,
        &redshift_cluster_non_default_port::RULE,
        &redshift_cluster_non_default_username::RULE,
        &redshift_cluster_public_access::RULE,
        &redshift_cluster_version_upgrade::RULE,
        &redshift_enhanced_vpc_routing_enabled::RULE,
    ] {
        expect(rule, &[(good.clone(), Pass), (bad.clone(), Fail)]);
    }
}

#[test]
fn redshift_parameter_groups() {
    let with = |name: &str, value: &str| {
        many(&format!(
            r#""C":{{"Type":"AWS::Redshift::Cluster","Properties":{{"ClusterParameterGroupName":{{"Ref":"G"}}}}}},"G":{{"Type":"AWS::Redshift::ClusterParameterGroup","Properties":{{"Parameters":[{{"ParameterName":"{name}","ParameterValue":"{value}"}}]}}}}"#
        ))
    };
    expect(
        &redshift_cluster_user_activity_logging::RULE,
        &[
            (with("enable_user_activity_logging", "true"), Pass),
            (with("enable_user_activity_logging", "false"), Fail),
            (one(CLUSTER, "{}"), Fail),
        ],
    );
    expect(
        &redshift_require_tls_ssl::RULE,
        &[
            (with("require_ssl", "TRUE"), Pass),
            (with("require_ssl", "false"), Fail),
            (one(CLUSTER, "{}"), Fail),
        ],
    );
}
