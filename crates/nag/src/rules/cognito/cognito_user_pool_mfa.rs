//! Cognito user pools require multi-factor authentication.

use crate::rule::prelude::*;

/// Cognito user pools require multi-factor authentication.
pub static RULE: Rule = Rule {
    name: "CognitoUserPoolMFA",
    service: "cognito",
    info: "The Cognito user pool does not make MFA mandatory.",
    explanation: "A second factor keeps accounts safe when a password is guessed or leaked. Set MfaConfiguration to ON.",
    resource_types: &["AWS::Cognito::UserPool"],
    check,
};

fn check(pool: &Resource, _: &Template) -> Outcome {
    let mfa = primitive(pool.prop("MfaConfiguration"))?;
    Ok(Verdict::from_pass(string_of(mfa).as_deref() == Some("ON")))
}
