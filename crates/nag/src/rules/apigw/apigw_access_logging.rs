//! API Gateway stages (REST and HTTP/WebSocket) send access logs to a destination with a format.

use crate::rule::prelude::*;

/// API Gateway stages (REST and HTTP/WebSocket) send access logs to a destination with a format.
pub static RULE: Rule = Rule {
    name: "APIGWAccessLogging",
    service: "apigw",
    info: "The API Gateway stage does not write access logs.",
    explanation: "Access logs record who called the API, when and with what result, which troubleshooting and security reviews depend on. Configure the stage's access log setting with a destination ARN and a log format.",
    resource_types: &["AWS::ApiGateway::Stage", "AWS::ApiGatewayV2::Stage"],
    check,
};

fn check(stage: &Resource, _: &Template) -> Outcome {
    let key = if stage.resource_type == "AWS::ApiGateway::Stage" {
        "AccessLogSetting"
    } else {
        "AccessLogSettings"
    };
    let setting = stage.prop(key);
    if is_nullish(setting) {
        return Ok(Verdict::NonCompliant);
    }
    Ok(Verdict::from_pass(
        !is_nullish(maybe(setting, "DestinationArn")) && !is_nullish(maybe(setting, "Format")),
    ))
}
