//! AppSync GraphQL APIs log requests to CloudWatch with verbose content.

use crate::rule::prelude::*;

/// AppSync GraphQL APIs log requests to CloudWatch with verbose content.
pub static RULE: Rule = Rule {
    name: "AppSyncGraphQLRequestLogging",
    service: "appsync",
    info: "The AppSync GraphQL API does not log requests at the request level.",
    explanation: "Request-level logs (with verbose content) are what you need to trace resolver errors and audit access. Configure LogConfig with a CloudWatch Logs role and do not exclude verbose content.",
    resource_types: &["AWS::AppSync::GraphQLApi"],
    check,
};

fn check(api: &Resource, _: &Template) -> Outcome {
    let config = api.prop("LogConfig");
    if config.is_none() {
        return Ok(Verdict::NonCompliant);
    }
    let exclude_verbose = primitive(member(config, "ExcludeVerboseContent")?)?;
    Ok(Verdict::from_pass(
        member(config, "CloudWatchLogsRoleArn")?.is_some() && flag(exclude_verbose) != Some(true),
    ))
}
