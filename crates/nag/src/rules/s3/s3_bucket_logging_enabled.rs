//! S3 buckets have server access logging enabled, or are themselves the target of another bucket's logs.

use crate::rule::prelude::*;
use regex::Regex;

/// S3 buckets write server access logs (or receive another bucket's).
pub static RULE: Rule = Rule {
    name: "S3BucketLoggingEnabled",
    service: "s3",
    info: "The S3 bucket does not record server access logs.",
    explanation: "Access logs show who requested which objects, which audits and incident response rely on. Configure LoggingConfiguration with a destination log bucket.",
    resource_types: &["AWS::S3::Bucket"],
    check,
};

fn check(bucket: &Resource, template: &Template) -> Outcome {
    let logging = bucket.prop("LoggingConfiguration");
    let logs_somewhere = !is_nullish(logging)
        && (!is_nullish(member(logging, "DestinationBucketName")?)
            || !is_nullish(member(logging, "LogFilePrefix")?));
    if logs_somewhere {
        return Ok(Verdict::Compliant);
    }
    let name = bucket.prop("BucketName");
    let own_id = Regex::new(&format!(
        "{}(?:$|[^\\w])",
        regex::escape(&bucket.logical_id)
    ))
    .map_err(|error| Unresolvable(error.to_string()))?;
    let is_log_target = template.resources_of_type("AWS::S3::Bucket").any(|other| {
        let destination = maybe(other.prop("LoggingConfiguration"), "DestinationBucketName");
        let flat = flatten_reference(destination);
        own_id.is_match(&flat) || name.is_some_and(|name| *name == Value::String(flat.clone()))
    });
    Ok(Verdict::from_pass(is_log_target))
}
