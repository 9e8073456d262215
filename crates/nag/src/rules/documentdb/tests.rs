use super::*;
use crate::rules::testing::*;

const CLUSTER: &str = "AWS::DocDB::DBCluster";

#[test]
fn document_db_cluster_backup_retention_period() {
    expect(
        &document_db_cluster_backup_retention_period::RULE,
        &[
            (one(CLUSTER, r#"{"BackupRetentionPeriod":7}"#), Pass),
            (one(CLUSTER, r#"{"BackupRetentionPeriod":"6"}"#), Fail),
            (one(CLUSTER, "{}"), Fail),
            (
                one(CLUSTER, r#"{"BackupRetentionPeriod":{"Ref":"P"}}"#),
                Unknown,
            ),
        ],
    );
}

#[test]
fn document_db_cluster_encryption_at_rest() {
    expect(
        &document_db_cluster_encryption_at_rest::RULE,
        &[
            (one(CLUSTER, r#"{"StorageEncrypted":true}"#), Pass),
            (one(CLUSTER, r#"{"StorageEncrypted":"false"}"#), Fail),
            (one(CLUSTER, "{}"), Fail),
        ],
    );
}

#[test]
fn document_db_cluster_log_exports() {
    expect(
        &document_db_cluster_log_exports::RULE,
        &[
            (
                one(
                    CLUSTER,
                    r#"{"EnableCloudwatchLogsExports":["authenticate","createIndex","dropCollection"]}"#,
                ),
                Pass,
            ),
            (
                one(
                    CLUSTER,
                    r#"{"EnableCloudwatchLogsExports":["audit","createIndex"]}"#,
                ),
                Expect::Findings(&["LogExport::authenticate", "LogExport::dropCollection"]),
            ),
            (
                one(CLUSTER, r#"{"EnableCloudwatchLogsExports":{"Ref":"P"}}"#),
                Expect::Findings(&[
                    "LogExport::authenticate",
                    "LogExport::createIndex",
                    "LogExport::dropCollection",
                ]),
            ),
        ],
    );
}

#[test]
fn document_db_cluster_non_default_port() {
    expect(
        &document_db_cluster_non_default_port::RULE,
        &[
            (one(CLUSTER, r#"{"Port":27018}"#), Pass),
            (one(CLUSTER, r#"{"Port":"27017"}"#), Fail),
            (one(CLUSTER, "{}"), Fail),
        ],
    );
}

#[test]
fn document_db_credentials_in_secrets_manager() {
    expect(
        &document_db_credentials_in_secrets_manager::RULE,
        &[
            (
                one(
                    CLUSTER,
                    r#"{"MasterUsername":"{{resolve:secretsmanager:db:SecretString:username}}","MasterUserPassword":"{{resolve:secretsmanager:db:SecretString:password}}"}"#,
                ),
                Pass,
            ),
            (
                one(
                    CLUSTER,
                    r#"{"MasterUsername":"admin","MasterUserPassword":"{{resolve:secretsmanager:db:SecretString:password}}"}"#,
                ),
                Fail,
            ),
            (one(CLUSTER, r#"{"MasterUserPassword":"x"}"#), Unknown),
            (
                one(
                    CLUSTER,
                    r#"{"MasterUsername":{"Ref":"P"},"MasterUserPassword":"x"}"#,
                ),
                Unknown,
            ),
        ],
    );
}
