use super::*;
use crate::rules::testing::*;

const TRAIL: &str = "AWS::CloudTrail::Trail";

#[test]
fn cloud_trail_rules() {
    expect(
        &cloud_trail_cloud_watch_logs_enabled::RULE,
        &[
            (
                one(
                    TRAIL,
                    r#"{"CloudWatchLogsLogGroupArn":{"Fn::GetAtt":["Logs","Arn"]}}"#,
                ),
                Pass,
            ),
            (one(TRAIL, "{}"), Fail),
        ],
    );
    expect(
        &cloud_trail_encryption_enabled::RULE,
        &[
            (one(TRAIL, r#"{"KMSKeyId":"alias/trail"}"#), Pass),
            (one(TRAIL, "{}"), Fail),
        ],
    );
    expect(
        &cloud_trail_log_file_validation_enabled::RULE,
        &[
            (one(TRAIL, r#"{"EnableLogFileValidation":true}"#), Pass),
            (one(TRAIL, r#"{"EnableLogFileValidation":"true"}"#), Pass),
            (one(TRAIL, r#"{"EnableLogFileValidation":"false"}"#), Fail),
            (one(TRAIL, "{}"), Fail),
            (
                one(TRAIL, r#"{"EnableLogFileValidation":{"Ref":"P"}}"#),
                Unknown,
            ),
        ],
    );
}
