use super::*;
use crate::rules::testing::*;

#[test]
fn timestream_database_customer_managed_key() {
    expect(
        &timestream_database_customer_managed_key::RULE,
        &[
            (
                one("AWS::Timestream::Database", r#"{"KmsKeyId":"k"}"#),
                Pass,
            ),
            (one("AWS::Timestream::Database", "{}"), Fail),
        ],
    );
}
