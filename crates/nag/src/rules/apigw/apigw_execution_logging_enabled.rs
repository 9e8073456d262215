//! REST API stages log execution at ERROR or INFO level for all methods.

use crate::rule::prelude::*;

/// REST API stages log execution at ERROR or INFO level for all methods.
pub static RULE: Rule = Rule {
    name: "APIGWExecutionLoggingEnabled",
    service: "apigw",
    info: "The REST API stage does not log method execution for all methods.",
    explanation: "Execution logs in CloudWatch show how API Gateway handled each request, which is needed to trace errors and audit use. Add a method setting for HTTP method '*' and resource path '/*' with logging level ERROR or INFO.",
    resource_types: &["AWS::ApiGateway::Stage"],
    check,
};

use super::apigw_cache_enabled_and_encrypted::all_methods_setting;

fn check(stage: &Resource, _: &Template) -> Outcome {
    all_methods_setting(stage, |setting| {
        matches!(
            string_of(setting.get("LoggingLevel")).as_deref(),
            Some("ERROR" | "INFO")
        )
    })
}
