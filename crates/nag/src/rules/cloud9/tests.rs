use super::*;
use crate::rules::testing::*;

#[test]
fn cloud9_instance_no_ingress_systems_manager() {
    const ENVIRONMENT: &str = "AWS::Cloud9::EnvironmentEC2";
    expect(
        &cloud9_instance_no_ingress_systems_manager::RULE,
        &[
            (
                one(ENVIRONMENT, r#"{"ConnectionType":"CONNECT_SSM"}"#),
                Pass,
            ),
            (
                one(ENVIRONMENT, r#"{"ConnectionType":"CONNECT_SSH"}"#),
                Fail,
            ),
            (one(ENVIRONMENT, "{}"), Fail),
            (
                one(ENVIRONMENT, r#"{"ConnectionType":{"Ref":"P"}}"#),
                Unknown,
            ),
        ],
    );
}
