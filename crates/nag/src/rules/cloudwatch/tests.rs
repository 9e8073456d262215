use super::*;
use crate::rules::testing::*;

#[test]
fn cloud_watch() {
    expect(
        &cloud_watch_alarm_action::RULE,
        &[
            (
                one("AWS::CloudWatch::Alarm", r#"{"AlarmActions":["arn"]}"#),
                Pass,
            ),
            (
                one(
                    "AWS::CloudWatch::Alarm",
                    r#"{"AlarmActions":["arn"],"ActionsEnabled":false}"#,
                ),
                Fail,
            ),
            (one("AWS::CloudWatch::Alarm", "{}"), Fail),
        ],
    );
    expect(
        &cloud_watch_log_group_encrypted::RULE,
        &[
            (one("AWS::Logs::LogGroup", r#"{"KmsKeyId":"k"}"#), Pass),
            (one("AWS::Logs::LogGroup", "{}"), Fail),
        ],
    );
    expect(
        &cloud_watch_log_group_retention_period::RULE,
        &[
            (one("AWS::Logs::LogGroup", r#"{"RetentionInDays":7}"#), Pass),
            (one("AWS::Logs::LogGroup", "{}"), Fail),
        ],
    );
}
