//! CodeBuild projects authenticate to GitHub/Bitbucket sources with OAuth.

use crate::rule::prelude::*;

/// CodeBuild projects authenticate to GitHub/Bitbucket sources with OAuth.
pub static RULE: Rule = Rule {
    name: "CodeBuildProjectSourceRepoUrl",
    service: "codebuild",
    info: "The CodeBuild project reads a GitHub or Bitbucket repository without OAuth (credentials may sit in the source URL).",
    explanation: "Credentials embedded in a repository URL leak through logs and configuration. Connect the source with OAuth or a CodeConnections connection and use a plain repository URL.",
    resource_types: &["AWS::CodeBuild::Project"],
    check,
};

fn check(project: &Resource, _: &Template) -> Outcome {
    let auth = member(project.prop("Source"), "Auth")?;
    Ok(Verdict::from_pass(
        !is_nullish(auth) && primitive_is(member(auth, "Type")?, "OAUTH")?,
    ))
}
