//! S3 buckets (through a bucket policy) and bucket policies deny requests without SSL.

use crate::rule::prelude::*;
use crate::rules::policy::{denies_insecure_transport, statements};
use regex::Regex;

/// S3 bucket policies deny requests that do not use TLS.
pub static RULE: Rule = Rule {
    name: "S3BucketSSLRequestsOnly",
    service: "s3",
    info: "The S3 bucket's policy does not deny requests made without TLS.",
    explanation: "Without such a statement, clients may send and receive data in clear text. Add a bucket policy statement that denies all actions when aws:SecureTransport is false.",
    resource_types: &["AWS::S3::Bucket", "AWS::S3::BucketPolicy"],
    check,
};

fn check(resource: &Resource, template: &Template) -> Outcome {
    if resource.resource_type == "AWS::S3::BucketPolicy" {
        let bucket = resource.prop("Bucket");
        let bucket_id = referenced(bucket)
            .map(Value::to_js_string)
            .unwrap_or_default();
        let bucket_name = bucket.and_then(Value::as_str);
        return Ok(Verdict::from_pass(requires_ssl(
            resource,
            &bucket_id,
            bucket_name,
        )?));
    }
    let bucket_name = resource.prop("BucketName").map(Value::to_js_string);
    for policy in template.resources_of_type("AWS::S3::BucketPolicy") {
        let target = referenced(policy.prop("Bucket"));
        let matches = is_str(target, &resource.logical_id)
            || bucket_name
                .as_deref()
                .is_some_and(|name| is_str(target, name));
        if matches && requires_ssl(policy, &resource.logical_id, bucket_name.as_deref())? {
            return Ok(Verdict::Compliant);
        }
    }
    Ok(Verdict::NonCompliant)
}

/// A statement denies insecure transport for all actions and principals on the bucket and its objects.
fn requires_ssl(
    policy: &Resource,
    bucket_id: &str,
    bucket_name: Option<&str>,
) -> Result<bool, Unresolvable> {
    for statement in statements(policy.prop("PolicyDocument"))? {
        if denies_insecure_transport(statement, &["*", "s3:*"])?
            && covers_bucket_and_objects(statement.get("Resource"), bucket_id, bucket_name)?
        {
            return Ok(true);
        }
    }
    Ok(false)
}

fn covers_bucket_and_objects(
    resources: Option<&Value>,
    bucket_id: &str,
    bucket_name: Option<&str>,
) -> Result<bool, Unresolvable> {
    let Some(resources) = resources.and_then(Value::as_array) else {
        return Ok(false);
    };
    let names: Vec<&str> = std::iter::once(bucket_id).chain(bucket_name).collect();
    let compile =
        |pattern: String| Regex::new(&pattern).map_err(|error| Unresolvable(error.to_string()));
    let bucket = compile(alternatives(&names, "(?:$|[^A-Za-z0-9_\\-])"))?;
    let objects = compile(alternatives(&names, "(?:/\\*|[^A-Za-z0-9_\\-].*/\\*)"))?;
    let (mut bucket_covered, mut objects_covered) = (false, false);
    for resource in resources {
        let json = resource.to_json();
        if !bucket_covered && bucket.is_match(&json) && !json.contains('/') {
            bucket_covered = true;
        } else if !objects_covered && objects.is_match(&json) && json.matches('/').count() == 1 {
            objects_covered = true;
        }
        if bucket_covered && objects_covered {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `(name1<suffix>)|(name2<suffix>)`; names are regular expressions, as in cdk-nag.
fn alternatives(names: &[&str], suffix: &str) -> String {
    names
        .iter()
        .map(|name| format!("(?:{name}{suffix})"))
        .collect::<Vec<_>>()
        .join("|")
}
