//! Cognito user pools demand long passwords with upper case letters, digits and symbols.

use crate::rule::prelude::*;

/// Cognito user pools demand long passwords with upper case letters, digits and symbols.
pub static RULE: Rule = Rule {
    name: "CognitoUserPoolStrongPasswordPolicy",
    service: "cognito",
    info: "The Cognito user pool's password policy is weak.",
    explanation: "Short or simple passwords are easy to guess. Set a password policy with MinimumLength of at least 8 and RequireUppercase, RequireNumbers and RequireSymbols all true.",
    resource_types: &["AWS::Cognito::UserPool"],
    check,
};

fn check(pool: &Resource, _: &Template) -> Outcome {
    let policies = pool.prop("Policies");
    if is_nullish(policies) {
        return Ok(Verdict::NonCompliant);
    }
    let password = member(policies, "PasswordPolicy")?;
    if is_nullish(password) {
        return Ok(Verdict::NonCompliant);
    }
    let length = primitive(member(password, "MinimumLength")?)?;
    if is_nullish(length) || less_than(length, 8.0) {
        return Ok(Verdict::NonCompliant);
    }
    for requirement in ["RequireUppercase", "RequireNumbers", "RequireSymbols"] {
        if flag(primitive(member(password, requirement)?)?) != Some(true) {
            return Ok(Verdict::NonCompliant);
        }
    }
    Ok(Verdict::Compliant)
}
