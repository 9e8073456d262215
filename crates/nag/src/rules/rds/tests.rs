use super::*;
use crate::rules::testing::*;

const CLUSTER: &str = "AWS::RDS::DBCluster";
const INSTANCE: &str = "AWS::RDS::DBInstance";

#[test]
fn aurora_my_sql_backtrack() {
    expect(
        &aurora_my_sql_backtrack::RULE,
        &[
            (
                one(
                    CLUSTER,
                    r#"{"Engine":"aurora-mysql","BacktrackWindow":86400}"#,
                ),
                Pass,
            ),
            (one(CLUSTER, r#"{"Engine":"aurora-postgresql"}"#), Pass),
            (
                one(CLUSTER, r#"{"Engine":"Aurora-MySQL","BacktrackWindow":0}"#),
                Fail,
            ),
            (one(CLUSTER, r#"{"Engine":"aurora"}"#), Fail),
            (one(CLUSTER, "{}"), Unknown),
        ],
    );
}

#[test]
fn aurora_my_sql_logging() {
    expect(
        &aurora_my_sql_logging::RULE,
        &[
            (
                one(
                    CLUSTER,
                    r#"{"Engine":"aurora-mysql","EngineMode":"serverless","EnableCloudwatchLogsExports":["audit","error","general","slowquery"]}"#,
                ),
                Pass,
            ),
            (
                one(
                    CLUSTER,
                    r#"{"Engine":"aurora-mysql","EngineMode":"provisioned"}"#,
                ),
                Pass,
            ),
            (
                one(
                    CLUSTER,
                    r#"{"Engine":"aurora-mysql","EngineMode":"Serverless","EnableCloudwatchLogsExports":["error"]}"#,
                ),
                Expect::Findings(&[
                    "LogExport::audit",
                    "LogExport::general",
                    "LogExport::slowquery",
                ]),
            ),
            (
                one(
                    CLUSTER,
                    r#"{"Engine":"aurora","EngineMode":"serverless","EnableCloudwatchLogsExports":{"Ref":"P"}}"#,
                ),
                Unknown,
            ),
        ],
    );
}

#[test]
fn aurora_my_sql_postgres_iam_auth() {
    expect(
        &aurora_my_sql_postgres_iam_auth::RULE,
        &[
            (
                one(
                    CLUSTER,
                    r#"{"Engine":"aurora-postgresql","EnableIAMDatabaseAuthentication":true}"#,
                ),
                Pass,
            ),
            (one(CLUSTER, r#"{"Engine":"mysql"}"#), Pass),
            (one(CLUSTER, r#"{"Engine":"aurora-mysql"}"#), Fail),
            (
                one(
                    CLUSTER,
                    r#"{"Engine":"aurora-mysql","EnableIAMDatabaseAuthentication":"false"}"#,
                ),
                Fail,
            ),
            (one(CLUSTER, "{}"), Skip),
        ],
    );
}

#[test]
fn rds_instance_simple_rules() {
    expect(
        &rds_automatic_minor_version_upgrade_enabled::RULE,
        &[
            (one(INSTANCE, "{}"), Pass),
            (one(INSTANCE, r#"{"AutoMinorVersionUpgrade":false}"#), Fail),
        ],
    );
    expect(
        &rds_enhanced_monitoring_enabled::RULE,
        &[
            (one(INSTANCE, r#"{"MonitoringInterval":60}"#), Pass),
            (one(INSTANCE, r#"{"MonitoringInterval":0}"#), Fail),
            (one(INSTANCE, "{}"), Fail),
        ],
    );
    expect(
        &rds_instance_backup_enabled::RULE,
        &[
            (one(INSTANCE, "{}"), Pass),
            (one(INSTANCE, r#"{"BackupRetentionPeriod":7}"#), Pass),
            (one(INSTANCE, r#"{"BackupRetentionPeriod":"0"}"#), Fail),
        ],
    );
    expect(
        &rds_instance_public_access::RULE,
        &[
            (one(INSTANCE, r#"{"PubliclyAccessible":false}"#), Pass),
            (one(INSTANCE, "{}"), Fail),
            (one(INSTANCE, r#"{"PubliclyAccessible":true}"#), Fail),
        ],
    );
    expect(
        &rds_multi_az_support::RULE,
        &[
            (one(INSTANCE, r#"{"Engine":"mysql","MultiAZ":true}"#), Pass),
            (one(INSTANCE, r#"{"Engine":"aurora-mysql"}"#), Pass),
            (one(INSTANCE, r#"{"Engine":"postgres"}"#), Fail),
            (one(INSTANCE, "{}"), Fail),
        ],
    );
}

#[test]
fn rds_in_backup_plan() {
    let selection = |resource: &str| {
        many(&format!(
            r#""Db":{{"Type":"AWS::RDS::DBInstance"}},"S":{{"Type":"AWS::Backup::BackupSelection","Properties":{{"BackupSelection":{{"Resources":[{resource}]}}}}}}"#
        ))
    };
    expect(
        &rds_in_backup_plan::RULE,
        &[
            (
                selection(r#"{"Fn::Sub":"arn:aws:rds:eu-west-1:1:db:${Db}"}"#),
                Pass,
            ),
            (selection(r#""arn:aws:rds:eu-west-1:1:db:Db2""#), Fail),
            (one(INSTANCE, "{}"), Fail),
        ],
    );
}

#[test]
fn rds_instance_deletion_protection_enabled() {
    expect(
        &rds_instance_deletion_protection_enabled::RULE,
        &[
            (one(CLUSTER, r#"{"DeletionProtection":true}"#), Pass),
            (one(CLUSTER, "{}"), Fail),
            (one(INSTANCE, r#"{"DeletionProtection":true}"#), Pass),
            (one(INSTANCE, r#"{"Engine":"aurora-postgresql"}"#), Pass),
            (
                one(
                    INSTANCE,
                    r#"{"Engine":"postgres","DeletionProtection":false}"#,
                ),
                Fail,
            ),
            (one(INSTANCE, "{}"), Fail),
        ],
    );
}

#[test]
fn rds_logging_enabled() {
    expect(
        &rds_logging_enabled::RULE,
        &[
            (
                one(
                    INSTANCE,
                    r#"{"Engine":"postgres","EnableCloudwatchLogsExports":["postgresql","upgrade"]}"#,
                ),
                Pass,
            ),
            (
                one(
                    INSTANCE,
                    r#"{"Engine":"postgres","EnableCloudwatchLogsExports":["postgresql"]}"#,
                ),
                Expect::Findings(&["LogExport::upgrade"]),
            ),
            (
                one(INSTANCE, r#"{"Engine":"sqlserver-se"}"#),
                Expect::Findings(&["LogExport::agent", "LogExport::error"]),
            ),
            (one(INSTANCE, r#"{"Engine":"aurora-mysql"}"#), Skip),
            (one(INSTANCE, "{}"), Pass),
            (
                one(
                    CLUSTER,
                    r#"{"Engine":"aurora-postgresql","EnableCloudwatchLogsExports":["postgresql"]}"#,
                ),
                Pass,
            ),
            (
                one(
                    CLUSTER,
                    r#"{"Engine":"aurora-mysql","EnableCloudwatchLogsExports":["audit"]}"#,
                ),
                Expect::Findings(&[
                    "LogExport::error",
                    "LogExport::general",
                    "LogExport::slowquery",
                ]),
            ),
        ],
    );
}

#[test]
fn rds_non_default_port() {
    expect(
        &rds_non_default_port::RULE,
        &[
            (
                one(CLUSTER, r#"{"Engine":"aurora-mysql","Port":3307}"#),
                Pass,
            ),
            (
                one(CLUSTER, r#"{"Engine":"aurora-mysql","Port":3306}"#),
                Fail,
            ),
            (
                one(
                    CLUSTER,
                    r#"{"Engine":"aurora-postgresql","EngineMode":"serverless","Port":"5432"}"#,
                ),
                Fail,
            ),
            (one(CLUSTER, r#"{"Engine":"aurora-mysql"}"#), Fail),
            (
                one(INSTANCE, r#"{"Engine":"postgres","Port":"5433"}"#),
                Pass,
            ),
            (one(INSTANCE, r#"{"Engine":"mysql","Port":"3306"}"#), Fail),
            (one(INSTANCE, r#"{"Engine":"oracle-ee","Port":1521}"#), Fail),
            (one(INSTANCE, r#"{"Engine":"mariadb"}"#), Fail),
            (one(INSTANCE, r#"{"Engine":"aurora-mysql"}"#), Pass),
            (one(INSTANCE, "{}"), Fail),
            (
                one(INSTANCE, r#"{"Engine":"mysql","Port":{"Ref":"P"}}"#),
                Unknown,
            ),
        ],
    );
}

#[test]
fn rds_restricted_inbound() {
    const GROUP: &str = "AWS::RDS::DBSecurityGroup";
    expect(
        &rds_restricted_inbound::RULE,
        &[
            (
                one(
                    GROUP,
                    r#"{"DBSecurityGroupIngress":[{"CIDRIP":"10.0.0.0/16"}]}"#,
                ),
                Pass,
            ),
            (
                one(
                    GROUP,
                    r#"{"DBSecurityGroupIngress":[{"CIDRIP":"0.0.0.0/0"}]}"#,
                ),
                Fail,
            ),
            (
                one(
                    "AWS::RDS::DBSecurityGroupIngress",
                    r#"{"CIDRIP":"0.0.0.0/0"}"#,
                ),
                Fail,
            ),
            (
                one(
                    "AWS::RDS::DBSecurityGroupIngress",
                    r#"{"EC2SecurityGroupId":"sg-1"}"#,
                ),
                Pass,
            ),
        ],
    );
}

#[test]
fn rds_storage_encrypted() {
    expect(
        &rds_storage_encrypted::RULE,
        &[
            (one(CLUSTER, r#"{"StorageEncrypted":true}"#), Pass),
            (one(CLUSTER, "{}"), Fail),
            (one(INSTANCE, r#"{"StorageEncrypted":"true"}"#), Pass),
            (one(INSTANCE, r#"{"Engine":"aurora-mysql"}"#), Pass),
            (one(INSTANCE, r#"{"Engine":"mysql"}"#), Fail),
            (one(INSTANCE, r#"{"Engine":{"Ref":"P"}}"#), Fail),
        ],
    );
}
