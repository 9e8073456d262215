use super::*;
use crate::rules::testing::*;

const API: &str = "AWS::AppSync::GraphQLApi";

#[test]
fn app_sync_graph_ql_request_logging() {
    expect(
        &app_sync_graph_ql_request_logging::RULE,
        &[
            (
                one(
                    API,
                    r#"{"LogConfig":{"CloudWatchLogsRoleArn":"arn","ExcludeVerboseContent":false}}"#,
                ),
                Pass,
            ),
            (
                one(API, r#"{"LogConfig":{"CloudWatchLogsRoleArn":"arn"}}"#),
                Pass,
            ),
            (
                one(
                    API,
                    r#"{"LogConfig":{"CloudWatchLogsRoleArn":"arn","ExcludeVerboseContent":true}}"#,
                ),
                Fail,
            ),
            (one(API, r#"{"LogConfig":{"FieldLogLevel":"ALL"}}"#), Fail),
            (one(API, "{}"), Fail),
            (
                one(
                    API,
                    r#"{"LogConfig":{"CloudWatchLogsRoleArn":"arn","ExcludeVerboseContent":{"Ref":"P"}}}"#,
                ),
                Unknown,
            ),
        ],
    );
}
