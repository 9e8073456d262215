//! CodeBuild projects do not keep AWS credentials in plaintext environment variables.

use crate::rule::prelude::*;

/// CodeBuild projects do not keep AWS credentials in plaintext environment variables.
pub static RULE: Rule = Rule {
    name: "CodeBuildProjectEnvVarAwsCred",
    service: "codebuild",
    info: "The CodeBuild project passes AWS access keys (AWS_ACCESS_KEY_ID or AWS_SECRET_ACCESS_KEY) as plain-text environment variables.",
    explanation: "Plain-text variables are visible to anyone who can read the project. Give the project a service role instead, or read secrets from Secrets Manager or Parameter Store environment variables.",
    resource_types: &["AWS::CodeBuild::Project"],
    check,
};

fn check(project: &Resource, _: &Template) -> Outcome {
    let variables = member(project.prop("Environment"), "EnvironmentVariables")?;
    if is_nullish(variables) {
        return Ok(Verdict::Compliant);
    }
    for variable in items(variables)? {
        let name = primitive(member(Some(variable), "Name")?)?;
        let kind = primitive(variable.get("Type"))?;
        let credential = is_str(name, "AWS_ACCESS_KEY_ID") || is_str(name, "AWS_SECRET_ACCESS_KEY");
        if credential && (is_nullish(kind) || is_str(kind, "PLAINTEXT")) {
            return Ok(Verdict::NonCompliant);
        }
    }
    Ok(Verdict::Compliant)
}
