use super::*;
use crate::rules::testing::*;

const CLUSTER: &str = "AWS::EMR::Cluster";

#[test]
fn emr_cluster_settings() {
    expect(
        &emr_auth_ec2_key_pair_or_kerberos::RULE,
        &[
            (one(CLUSTER, r#"{"Instances":{"Ec2KeyName":"k"}}"#), Pass),
            (one(CLUSTER, r#"{"Instances":{}}"#), Fail),
        ],
    );
    expect(
        &emr_kerberos_enabled::RULE,
        &[
            (
                one(CLUSTER, r#"{"KerberosAttributes":{"Realm":"R"}}"#),
                Pass,
            ),
            (one(CLUSTER, "{}"), Fail),
        ],
    );
    expect(
        &emr_s3_access_logging::RULE,
        &[
            (one(CLUSTER, r#"{"LogUri":"s3://logs/"}"#), Pass),
            (one(CLUSTER, "{}"), Fail),
        ],
    );
}

#[test]
fn emr_security_configurations() {
    let with = |settings: &str| {
        many(&format!(
            r#""C":{{"Type":"AWS::EMR::Cluster","Properties":{{"SecurityConfiguration":{{"Ref":"S"}}}}}},"S":{{"Type":"AWS::EMR::SecurityConfiguration","Properties":{{"SecurityConfiguration":{settings}}}}}"#
        ))
    };
    expect(
        &emr_encryption_in_transit::RULE,
        &[
            (
                with(
                    r#"{"EncryptionConfiguration":{},"EnableInTransitEncryption":true,"InTransitEncryptionConfiguration":{"TLSCertificateConfiguration":{"CertificateProviderType":"PEM"}}}"#,
                ),
                Pass,
            ),
            (with(r#"{"EnableInTransitEncryption":false}"#), Fail),
            (one(CLUSTER, "{}"), Fail),
        ],
    );
    expect(
        &emr_local_disk_encryption::RULE,
        &[
            (
                with(
                    r#"{"EnableAtRestEncryption":true,"AtRestEncryptionConfiguration":{"LocalDiskEncryptionConfiguration":{"EncryptionKeyProviderType":"AwsKms"}}}"#,
                ),
                Pass,
            ),
            (with(r#"{"EnableAtRestEncryption":true}"#), Fail),
        ],
    );
}
