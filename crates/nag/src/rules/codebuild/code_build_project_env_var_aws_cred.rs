//! CodeBuild projects do not keep AWS credentials in plaintext environment variables.

use crate::rule::prelude::*;

/// CodeBuild projects do not keep AWS credentials in plaintext environment variables.
pub static RULE: Rule = Rule {
    name: "CodeBuildProjectEnvVarAwsCred",
    service: "codebuild",
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
