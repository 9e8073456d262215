//! Lambda functions use the latest runtime of their family, as known to aws-cdk-lib 2.276
//! (the family is the runtime's leading letters; container images and `provided` runtimes are exempt).

use crate::rule::prelude::*;
use regex::Regex;

/// Lambda functions use the latest runtime version of their family.
pub static RULE: Rule = Rule {
    name: "LambdaLatestVersion",
    service: "lambda",
    info: "The Lambda function (a zip package) does not use the newest runtime of its language.",
    explanation: "Older runtimes stop receiving security patches and are eventually deprecated. Move the function to the latest runtime version of its language.",
    resource_types: &["AWS::Lambda::Function"],
    check,
};

/// Latest runtime per family prefix (families are matched by prefix, as cdk-nag does).
const LATEST: &[(&str, &str)] = &[
    ("dotnetcore", "dotnetcore3.1"),
    ("dotnet", "dotnet10"),
    ("go", "go1.x"),
    ("java", "java25"),
    ("nodejs", "nodejs24.x"),
    ("python", "python3.15"),
    ("ruby", "ruby4.0"),
];

fn check(function: &Resource, _: &Template) -> Outcome {
    let runtime = primitive(function.prop("Runtime"))?;
    if !truthy(runtime) {
        return Ok(Verdict::NotApplicable);
    }
    let runtime = text(runtime)?;
    let pattern = Regex::new(r"^([a-z]+)(\d+(\.?\d+|\.x)?)?")
        .map_err(|error| Unresolvable(error.to_string()))?;
    let family = pattern
        .captures(runtime)
        .and_then(|captures| captures.get(1))
        .ok_or_else(|| Unresolvable(format!("The Lambda runtime \"{runtime}\" does not match the expected regular expression, therefore the rule could not be validated.")))?
        .as_str();
    if family == "provided" {
        return Ok(Verdict::NotApplicable);
    }
    let latest = LATEST
        .iter()
        .find(|(prefix, _)| prefix.starts_with(family) && family.len() == prefix.len())
        .or_else(|| LATEST.iter().find(|(prefix, _)| prefix.starts_with(family)))
        .map(|(_, latest)| *latest)
        .ok_or_else(|| Unresolvable(format!("Unable to find families for Lambda runtime \"{runtime}\", therefore the rule could not be validated.")))?;
    Ok(Verdict::from_pass(runtime == latest))
}
