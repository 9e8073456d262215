//! REST API stages cache all methods and encrypt the cache.

use crate::rule::prelude::*;

/// REST API stages cache all methods and encrypt the cache.
pub static RULE: Rule = Rule {
    name: "APIGWCacheEnabledAndEncrypted",
    service: "apigw",
    info: "The REST API stage does not cache all methods with an encrypted cache.",
    explanation: "Cached responses can hold sensitive data, so the cache must be encrypted at rest. Add a method setting for HTTP method '*' and resource path '/*' with caching enabled and cache data encrypted.",
    resource_types: &["AWS::ApiGateway::Stage"],
    check,
};

fn check(stage: &Resource, _: &Template) -> Outcome {
    all_methods_setting(stage, |setting| {
        truthy_flag(setting.get("CacheDataEncrypted")) && truthy_flag(setting.get("CachingEnabled"))
    })
}

/// Compliant when some method setting for `*` on `/*` satisfies `accept`.
pub(super) fn all_methods_setting(stage: &Resource, accept: fn(&Value) -> bool) -> Outcome {
    let settings = stage.prop("MethodSettings");
    if is_nullish(settings) {
        return Ok(Verdict::NonCompliant);
    }
    Ok(Verdict::from_pass(items(settings)?.iter().any(|setting| {
        string_of(setting.get("HttpMethod")).as_deref() == Some("*")
            && string_of(setting.get("ResourcePath")).as_deref() == Some("/*")
            && accept(setting)
    })))
}
