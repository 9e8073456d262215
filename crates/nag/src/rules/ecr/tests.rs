use super::*;
use crate::rules::testing::*;

#[test]
fn ecr_open_access() {
    const REPOSITORY: &str = "AWS::ECR::Repository";
    expect(
        &ecr_open_access::RULE,
        &[
            (
                one(
                    REPOSITORY,
                    r#"{"RepositoryPolicyText":{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1:root"},"Action":"ecr:BatchGetImage"}]}}"#,
                ),
                Pass,
            ),
            (one(REPOSITORY, "{}"), Pass),
            (
                one(
                    REPOSITORY,
                    r#"{"RepositoryPolicyText":{"Statement":[{"Effect":"Allow","Principal":"*","Action":"ecr:BatchGetImage"}]}}"#,
                ),
                Fail,
            ),
            (
                one(
                    "AWS::ECR::RegistryPolicy",
                    r#"{"PolicyText":{"Statement":[{"Effect":"Allow","Principal":{"AWS":["*"]},"Action":"ecr:ReplicateImage"}]}}"#,
                ),
                Fail,
            ),
            (
                one(
                    "AWS::ECR::RegistryPolicy",
                    r#"{"PolicyText":{"Statement":[{"Effect":"Deny","Principal":"*","Action":"ecr:*"}]}}"#,
                ),
                Pass,
            ),
            (
                one(
                    REPOSITORY,
                    r#"{"RepositoryPolicyText":{"Statement":{"Effect":"Allow"}}}"#,
                ),
                Unknown,
            ),
        ],
    );
}
