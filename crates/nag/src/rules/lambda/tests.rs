use super::*;
use crate::rules::testing::*;

const FUNCTION: &str = "AWS::Lambda::Function";

#[test]
fn lambda_concurrency_and_dlq() {
    expect(
        &lambda_concurrency::RULE,
        &[
            (one(FUNCTION, r#"{"ReservedConcurrentExecutions":5}"#), Pass),
            (one(FUNCTION, r#"{"ReservedConcurrentExecutions":0}"#), Fail),
            (one(FUNCTION, "{}"), Fail),
        ],
    );
    expect(
        &lambda_dlq::RULE,
        &[
            (
                one(FUNCTION, r#"{"DeadLetterConfig":{"TargetArn":"arn"}}"#),
                Pass,
            ),
            (one(FUNCTION, r#"{"DeadLetterConfig":{}}"#), Fail),
        ],
    );
}

#[test]
fn lambda_function_public_access_prohibited() {
    expect(
        &lambda_function_public_access_prohibited::RULE,
        &[
            (
                one(
                    "AWS::Lambda::Permission",
                    r#"{"Principal":"*","SourceArn":"arn"}"#,
                ),
                Pass,
            ),
            (one("AWS::Lambda::Permission", r#"{"Principal":"*"}"#), Fail),
        ],
    );
}

#[test]
fn lambda_inside_vpc() {
    expect(
        &lambda_inside_vpc::RULE,
        &[
            (one(FUNCTION, r#"{"VpcConfig":{"SubnetIds":["s"]}}"#), Pass),
            (
                one(
                    FUNCTION,
                    r#"{"VpcConfig":{"SubnetIds":[],"SecurityGroupIds":[]}}"#,
                ),
                Fail,
            ),
            (one(FUNCTION, "{}"), Fail),
        ],
    );
}

#[test]
fn lambda_latest_version() {
    expect(
        &lambda_latest_version::RULE,
        &[
            (one(FUNCTION, r#"{"Runtime":"python3.15"}"#), Pass),
            (one(FUNCTION, r#"{"Runtime":"nodejs24.x"}"#), Pass),
            (one(FUNCTION, r#"{"Runtime":"python3.9"}"#), Fail),
            (one(FUNCTION, r#"{"Runtime":"provided.al2"}"#), Skip),
            (one(FUNCTION, r#"{"PackageType":"Image"}"#), Skip),
            (one(FUNCTION, r#"{"Runtime":"cobol1"}"#), Unknown),
        ],
    );
}
