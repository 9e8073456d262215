//! CodeBuild projects encrypt artifacts with a customer managed KMS key.

use crate::rule::prelude::*;

/// CodeBuild projects encrypt artifacts with a customer managed KMS key.
pub static RULE: Rule = Rule {
    name: "CodeBuildProjectKMSEncryptedArtifacts",
    service: "codebuild",
    info: "The CodeBuild project does not encrypt its artifacts with a KMS key.",
    explanation: "Set EncryptionKey to a customer managed KMS key so build outputs are encrypted under a key whose use you control and can audit.",
    resource_types: &["AWS::CodeBuild::Project"],
    check,
};

fn check(project: &Resource, _: &Template) -> Outcome {
    let key = project.prop("EncryptionKey");
    Ok(Verdict::from_pass(
        key.is_some() && !is_str(key, "alias/aws/s3"),
    ))
}
