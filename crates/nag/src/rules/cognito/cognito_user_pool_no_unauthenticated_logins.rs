//! Cognito identity pools do not hand out credentials to unauthenticated users.

use crate::rule::prelude::*;

/// Cognito identity pools do not hand out credentials to unauthenticated users.
pub static RULE: Rule = Rule {
    name: "CognitoUserPoolNoUnauthenticatedLogins",
    service: "cognito",
    info: "The Cognito identity pool allows unauthenticated identities.",
    explanation: "Unauthenticated identities receive AWS credentials without signing in, so their role must be tightly scoped. Set AllowUnauthenticatedIdentities to false, or suppress with the reason guest access is needed.",
    resource_types: &["AWS::Cognito::IdentityPool"],
    check,
};

fn check(pool: &Resource, _: &Template) -> Outcome {
    let allowed = primitive(pool.prop("AllowUnauthenticatedIdentities"))?;
    Ok(Verdict::from_pass(!truthy_flag(allowed)))
}
