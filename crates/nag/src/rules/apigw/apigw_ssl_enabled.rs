//! REST API stages present a client certificate to their backends.

use crate::rule::prelude::*;

/// REST API stages present a client certificate to their backends.
pub static RULE: Rule = Rule {
    name: "APIGWSSLEnabled",
    service: "apigw",
    info: "The REST API stage has no client certificate for calls to its backend.",
    explanation: "A client certificate lets the backend verify that requests really come from API Gateway. Set ClientCertificateId on the stage.",
    resource_types: &["AWS::ApiGateway::Stage"],
    check,
};

fn check(stage: &Resource, _: &Template) -> Outcome {
    Ok(Verdict::from_pass(!is_nullish(
        stage.prop("ClientCertificateId"),
    )))
}
