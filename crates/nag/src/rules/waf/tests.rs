use super::*;
use crate::rules::testing::*;

#[test]
fn wafv2_logging_enabled() {
    expect(
        &wafv2_logging_enabled::RULE,
        &[
            (
                many(
                    r#""Acl":{"Type":"AWS::WAFv2::WebACL"},"L":{"Type":"AWS::WAFv2::LoggingConfiguration","Properties":{"ResourceArn":{"Fn::GetAtt":["Acl","Arn"]}}}"#,
                ),
                Pass,
            ),
            (one("AWS::WAFv2::WebACL", "{}"), Fail),
        ],
    );
}
