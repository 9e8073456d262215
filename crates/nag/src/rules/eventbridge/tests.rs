use super::*;
use crate::rules::testing::*;

#[test]
fn event_bus_open_access() {
    const POLICY: &str = "AWS::Events::EventBusPolicy";
    expect(
        &event_bus_open_access::RULE,
        &[
            (
                one(
                    POLICY,
                    r#"{"Principal":"*","Condition":{"Key":"aws:PrincipalOrgID","Type":"StringEquals","Value":"o-1"}}"#,
                ),
                Pass,
            ),
            (one(POLICY, r#"{"Principal":"123456789012"}"#), Pass),
            (one(POLICY, r#"{"Principal":"*"}"#), Fail),
            (
                one(
                    POLICY,
                    r#"{"Principal":"*","Condition":{"Key":"aws:PrincipalOrgID","Type":"StringEquals"}}"#,
                ),
                Fail,
            ),
            (
                one(
                    POLICY,
                    r#"{"Statement":{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::1:root","*"]},"Action":"events:PutEvents"}}"#,
                ),
                Fail,
            ),
            (
                one(
                    POLICY,
                    r#"{"Statement":{"Effect":"Allow","Principal":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-1"}}}}"#,
                ),
                Pass,
            ),
            (one(POLICY, r#"{"Statement":{"Effect":"Allow"}}"#), Unknown),
        ],
    );
}
