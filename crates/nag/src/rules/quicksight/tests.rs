use super::*;
use crate::rules::testing::*;

#[test]
fn quicksight_ssl_connections() {
    const SOURCE: &str = "AWS::QuickSight::DataSource";
    expect(
        &quicksight_ssl_connections::RULE,
        &[
            (
                one(SOURCE, r#"{"SslProperties":{"DisableSsl":false}}"#),
                Pass,
            ),
            (one(SOURCE, "{}"), Pass),
            (
                one(SOURCE, r#"{"SslProperties":{"DisableSsl":true}}"#),
                Fail,
            ),
            (
                one(SOURCE, r#"{"SslProperties":{"DisableSsl":{"Ref":"P"}}}"#),
                Unknown,
            ),
        ],
    );
}
