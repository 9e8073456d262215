//! REST API stages have X-Ray tracing turned on.

use crate::rule::prelude::*;

/// REST API stages have X-Ray tracing turned on.
pub static RULE: Rule = Rule {
    name: "APIGWXrayEnabled",
    service: "apigw",
    info: "The REST API stage does not trace requests with X-Ray.",
    explanation: "Traces show latency and errors across API Gateway and the services behind it. Set TracingEnabled to true on the stage.",
    resource_types: &["AWS::ApiGateway::Stage"],
    check,
};

fn check(stage: &Resource, _: &Template) -> Outcome {
    Ok(Verdict::from_pass(
        flag(primitive(stage.prop("TracingEnabled"))?) == Some(true),
    ))
}
