use super::*;
use crate::rules::testing::*;

const PROJECT: &str = "AWS::CodeBuild::Project";

#[test]
fn code_build() {
    expect(
        &code_build_project_env_var_aws_cred::RULE,
        &[
            (
                one(
                    PROJECT,
                    r#"{"Environment":{"EnvironmentVariables":[{"Name":"AWS_ACCESS_KEY_ID","Type":"SECRETS_MANAGER","Value":"s"}]}}"#,
                ),
                Pass,
            ),
            (
                one(
                    PROJECT,
                    r#"{"Environment":{"EnvironmentVariables":[{"Name":"AWS_SECRET_ACCESS_KEY","Value":"s"}]}}"#,
                ),
                Fail,
            ),
            (one(PROJECT, "{}"), Unknown),
        ],
    );
    expect(
        &code_build_project_kms_encrypted_artifacts::RULE,
        &[
            (
                one(PROJECT, r#"{"EncryptionKey":{"Fn::GetAtt":["K","Arn"]}}"#),
                Pass,
            ),
            (one(PROJECT, r#"{"EncryptionKey":"alias/aws/s3"}"#), Fail),
        ],
    );
    expect(
        &code_build_project_managed_images::RULE,
        &[
            (
                one(
                    PROJECT,
                    r#"{"Environment":{"Image":"aws/codebuild/standard:7.0"}}"#,
                ),
                Pass,
            ),
            (
                one(PROJECT, r#"{"Environment":{"Image":"my/image"}}"#),
                Fail,
            ),
        ],
    );
    expect(
        &code_build_project_source_repo_url::RULE,
        &[
            (
                one(
                    PROJECT,
                    r#"{"Source":{"Type":"GITHUB","Auth":{"Type":"OAUTH"}}}"#,
                ),
                Pass,
            ),
            (one(PROJECT, r#"{"Source":{"Type":"CODECOMMIT"}}"#), Fail),
        ],
    );
}
