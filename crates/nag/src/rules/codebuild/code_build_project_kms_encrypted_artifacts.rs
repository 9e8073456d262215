//! CodeBuild projects encrypt artifacts with a customer managed KMS key.

use crate::rule::prelude::*;

/// CodeBuild projects encrypt artifacts with a customer managed KMS key.
pub static RULE: Rule = Rule {
    name: "CodeBuildProjectKMSEncryptedArtifacts",
    service: "codebuild",
    resource_types: &["AWS::CodeBuild::Project"],
    check,
};

fn check(project: &Resource, _: &Template) -> Outcome {
    let key = project.prop("EncryptionKey");
    Ok(Verdict::from_pass(
        key.is_some() && !is_str(key, "alias/aws/s3"),
    ))
}
