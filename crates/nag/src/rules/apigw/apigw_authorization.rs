//! API Gateway methods and routes require an authorizer (CORS preflight methods excepted).

use crate::rule::prelude::*;

/// API Gateway methods and routes require an authorizer (CORS preflight methods excepted).
pub static RULE: Rule = Rule {
    name: "APIGWAuthorization",
    service: "apigw",
    info: "The API Gateway method or route does not use any authorization.",
    explanation: "Without an authorizer anyone who finds the endpoint can call it. Set an authorization type such as AWS_IAM, COGNITO_USER_POOLS, CUSTOM or JWT (an OPTIONS method that only answers CORS preflight requests is exempt).",
    resource_types: &["AWS::ApiGateway::Method", "AWS::ApiGatewayV2::Route"],
    check,
};

fn check(method: &Resource, _: &Template) -> Outcome {
    if method.resource_type == "AWS::ApiGateway::Method"
        && primitive_is(method.prop("HttpMethod"), "OPTIONS")?
        && only_cors_responses(method.prop("MethodResponses"))?
    {
        return Ok(Verdict::NotApplicable);
    }
    let authorization = primitive(method.prop("AuthorizationType"))?;
    Ok(Verdict::from_pass(
        !is_nullish(authorization) && string_of(authorization).as_deref() != Some("NONE"),
    ))
}

/// Every method response is a 204 that sets an `Access-Control-Allow-*` header.
fn only_cors_responses(responses: Slot) -> Result<bool, Unresolvable> {
    if is_nullish(responses) {
        return Ok(false);
    }
    for response in items(responses)? {
        let cors_header = response
            .get("ResponseParameters")
            .and_then(Value::as_object)
            .is_some_and(|parameters| {
                parameters.iter().any(|(key, value)| {
                    key.starts_with("method.response.header.Access-Control-Allow-")
                        && flag(Some(value)) == Some(true)
                })
            });
        if string_of(response.get("StatusCode")).as_deref() != Some("204") || !cors_header {
            return Ok(false);
        }
    }
    Ok(true)
}
