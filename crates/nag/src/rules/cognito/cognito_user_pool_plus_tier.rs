//! Cognito user pools use the Plus feature plan.

use crate::rule::prelude::*;

/// Cognito user pools use the Plus feature plan.
pub static RULE: Rule = Rule {
    name: "CognitoUserPoolPlusTier",
    service: "cognito",
    info: "The Cognito user pool is not on the Plus feature plan.",
    explanation: "The Plus plan brings threat protection, such as compromised-credential checks and adaptive authentication. Set UserPoolTier to PLUS, or suppress with the reason it is not needed.",
    resource_types: &["AWS::Cognito::UserPool"],
    check,
};

fn check(pool: &Resource, _: &Template) -> Outcome {
    let tier = primitive(pool.prop("UserPoolTier"))?;
    Ok(Verdict::from_pass(
        string_of(tier).as_deref() == Some("PLUS"),
    ))
}
