use super::*;
use crate::rules::testing::*;

#[test]
fn dms_replication_not_public() {
    expect(
        &dms_replication_not_public::RULE,
        &[
            (
                one(
                    "AWS::DMS::ReplicationInstance",
                    r#"{"PubliclyAccessible":false}"#,
                ),
                Pass,
            ),
            (one("AWS::DMS::ReplicationInstance", "{}"), Fail),
        ],
    );
}
