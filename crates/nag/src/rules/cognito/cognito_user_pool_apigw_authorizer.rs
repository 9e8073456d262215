//! REST API methods authorize callers with a Cognito user pool.

use crate::rule::prelude::*;

/// REST API methods authorize callers with a Cognito user pool.
pub static RULE: Rule = Rule {
    name: "CognitoUserPoolAPIGWAuthorizer",
    service: "cognito",
    info: "The REST API method does not use a Cognito user pool authorizer.",
    explanation: "A user pool authorizer checks the caller's identity token before the request reaches the backend. Set AuthorizationType to COGNITO_USER_POOLS with a user pool authorizer (OPTIONS methods are exempt).",
    resource_types: &["AWS::ApiGateway::Method"],
    check,
};

fn check(method: &Resource, _: &Template) -> Outcome {
    if primitive_is(method.prop("HttpMethod"), "OPTIONS")? {
        return Ok(Verdict::NotApplicable);
    }
    Ok(Verdict::from_pass(
        string_of(method.prop("AuthorizationType")).as_deref() == Some("COGNITO_USER_POOLS"),
    ))
}
