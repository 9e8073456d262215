//! CodeBuild projects build on AWS managed images (aws/codebuild/...).

use crate::rule::prelude::*;

/// CodeBuild projects build on AWS managed images (aws/codebuild/...).
pub static RULE: Rule = Rule {
    name: "CodeBuildProjectManagedImages",
    service: "codebuild",
    resource_types: &["AWS::CodeBuild::Project"],
    check,
};

fn check(project: &Resource, _: &Template) -> Outcome {
    let image = primitive(member(project.prop("Environment"), "Image")?)?;
    Ok(Verdict::from_pass(
        text(image)?.starts_with("aws/codebuild/"),
    ))
}
