//! REST APIs have a request validator that checks both bodies and parameters.

use crate::rule::prelude::*;

/// REST APIs have a request validator that checks both bodies and parameters.
pub static RULE: Rule = Rule {
    name: "APIGWRequestValidation",
    service: "apigw",
    info: "The REST API has no request validator checking request bodies and parameters.",
    explanation: "Basic validation rejects malformed requests at the edge, before they reach (and cost) the backend. Add an AWS::ApiGateway::RequestValidator for the API with ValidateRequestBody and ValidateRequestParameters set to true.",
    resource_types: &["AWS::ApiGateway::RestApi"],
    check,
};

fn check(api: &Resource, template: &Template) -> Outcome {
    let id = Value::String(api.logical_id.clone());
    Ok(Verdict::from_pass(
        template
            .resources_of_type("AWS::ApiGateway::RequestValidator")
            .any(|validator| {
                same(referenced(validator.prop("RestApiId")), Some(&id))
                    && flag(validator.prop("ValidateRequestBody")) == Some(true)
                    && flag(validator.prop("ValidateRequestParameters")) == Some(true)
            }),
    ))
}
