//! WAFv2 web ACLs have a logging configuration pointing at them.

use crate::rule::prelude::*;

/// WAFv2 web ACLs have a logging configuration.
pub static RULE: Rule = Rule {
    name: "WAFv2LoggingEnabled",
    service: "waf",
    info: "The WAFv2 web ACL has no logging configuration.",
    explanation: "WAF logs show which requests were allowed or blocked and why, for tuning and investigations. Create an AWS::WAFv2::LoggingConfiguration for the web ACL.",
    resource_types: &["AWS::WAFv2::WebACL"],
    check,
};

fn check(acl: &Resource, template: &Template) -> Outcome {
    let name = acl.prop("Name");
    for logging in template.resources_of_type("AWS::WAFv2::LoggingConfiguration") {
        let arn = logging
            .prop("ResourceArn")
            .map_or_else(String::new, Value::to_json);
        if mentions(&arn, &acl.logical_id, "")?
            || (!is_nullish(name)
                && mentions(
                    &arn,
                    &format!(
                        "webacl/{}",
                        name.map(Value::to_js_string).unwrap_or_default()
                    ),
                    "-_.",
                )?)
        {
            return Ok(Verdict::Compliant);
        }
    }
    Ok(Verdict::NonCompliant)
}
