use super::*;
use crate::rules::testing::*;

fn job_with(encryption: &str) -> String {
    many(&format!(
        r#""J":{{"Type":"AWS::Glue::Job","Properties":{{"SecurityConfiguration":"sec"}}}},"S":{{"Type":"AWS::Glue::SecurityConfiguration","Properties":{{"Name":"sec","EncryptionConfiguration":{encryption}}}}}"#
    ))
}

#[test]
fn glue_encryption() {
    expect(
        &glue_encrypted_cloud_watch_logs::RULE,
        &[
            (
                job_with(r#"{"CloudWatchEncryption":{"CloudWatchEncryptionMode":"SSE-KMS"}}"#),
                Pass,
            ),
            (
                job_with(r#"{"CloudWatchEncryption":{"CloudWatchEncryptionMode":"DISABLED"}}"#),
                Fail,
            ),
            (one("AWS::Glue::Crawler", "{}"), Fail),
        ],
    );
    expect(
        &glue_job_bookmark_encrypted::RULE,
        &[
            (
                job_with(r#"{"JobBookmarksEncryption":{"JobBookmarksEncryptionMode":"CSE-KMS"}}"#),
                Pass,
            ),
            (job_with("{}"), Fail),
        ],
    );
}
