//! CodeBuild projects build on AWS managed images (aws/codebuild/...).

use crate::rule::prelude::*;

/// CodeBuild projects build on AWS managed images (aws/codebuild/...).
pub static RULE: Rule = Rule {
    name: "CodeBuildProjectManagedImages",
    service: "codebuild",
    info: "The CodeBuild project runs on a custom image rather than one managed by CodeBuild.",
    explanation: "CodeBuild-managed images are patched and kept current by AWS. If a custom image is really needed, keep it patched yourself and record why with a suppression.",
    resource_types: &["AWS::CodeBuild::Project"],
    check,
};

fn check(project: &Resource, _: &Template) -> Outcome {
    let image = primitive(member(project.prop("Environment"), "Image")?)?;
    Ok(Verdict::from_pass(
        text(image)?.starts_with("aws/codebuild/"),
    ))
}
