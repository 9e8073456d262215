use super::*;
use crate::rules::testing::*;

#[test]
fn lex_bot_alias_encrypted_conversation_logs() {
    let alias = |settings: &str| {
        many(&format!(
            r#""A":{{"Type":"AWS::Lex::BotAlias","Properties":{{"ConversationLogSettings":{settings}}}}},"Keyed":{{"Type":"AWS::Logs::LogGroup","Properties":{{"KmsKeyId":"arn"}}}},"Plain":{{"Type":"AWS::Logs::LogGroup"}}"#
        ))
    };
    let text = |group: &str| {
        alias(&format!(
            r#"{{"TextLogSettings":[{{"Enabled":true,"Destination":{{"CloudWatch":{{"CloudWatchLogGroupArn":{{"Fn::GetAtt":["{group}","Arn"]}},"LogPrefix":"t"}}}}}}]}}"#
        ))
    };
    expect(
        &lex_bot_alias_encrypted_conversation_logs::RULE,
        &[
            (text("Keyed"), Pass),
            (text("Plain"), Fail),
            (text("Missing"), Unknown),
            (
                alias(
                    r#"{"AudioLogSettings":[{"Enabled":true,"Destination":{"S3Bucket":{"S3BucketArn":"b","LogPrefix":"a","KmsKeyArn":"k"}}}]}"#,
                ),
                Pass,
            ),
            (
                alias(
                    r#"{"AudioLogSettings":[{"Enabled":true,"Destination":{"S3Bucket":{"S3BucketArn":"b","LogPrefix":"a"}}}]}"#,
                ),
                Fail,
            ),
            (
                alias(
                    r#"{"AudioLogSettings":[{"Enabled":false,"Destination":{"S3Bucket":{"S3BucketArn":"b","LogPrefix":"a"}}}]}"#,
                ),
                Pass,
            ),
            (one("AWS::Lex::Bot", r#"{"Name":"b"}"#), Pass),
        ],
    );
}
