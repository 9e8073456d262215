//! S3 static website buckets are reached only through a CloudFront origin access identity.

use crate::rule::prelude::*;
use crate::rules::policy::statements;

/// S3 website buckets allow only CloudFront OAI principals to get/put objects, and never `*`.
pub static RULE: Rule = Rule {
    name: "S3WebBucketOAIAccess",
    service: "s3",
    info: "The S3 website bucket is open to everyone or is not read through a CloudFront origin access identity.",
    explanation: "A static website bucket should be reached through CloudFront only. Grant s3:GetObject (and s3:PutObject if needed) to a CloudFront origin access identity instead of '*'.",
    resource_types: &["AWS::S3::Bucket"],
    check,
};

fn check(bucket: &Resource, template: &Template) -> Outcome {
    if bucket.prop("WebsiteConfiguration").is_none() {
        return Ok(Verdict::Compliant);
    }
    let name = bucket.prop("BucketName");
    let mut found = false;
    for policy in template.resources_of_type("AWS::S3::BucketPolicy") {
        let target = referenced(policy.prop("Bucket"));
        if !is_str(target, &bucket.logical_id) && !same(target, name) {
            continue;
        }
        found |= grants_only_oai(policy)?;
    }
    Ok(Verdict::from_pass(found))
}

fn grants_only_oai(policy: &Resource) -> Result<bool, Unresolvable> {
    let mut found = false;
    for statement in statements(policy.prop("PolicyDocument"))? {
        if !is_str(statement.get("Effect"), "Allow") {
            continue;
        }
        let principal = statement.get("Principal");
        if principal
            .map_or("\"\"".to_owned(), Value::to_json)
            .contains('*')
        {
            return Ok(false);
        }
        let oai = member(principal, "AWS")?
            .map_or("\"\"".to_owned(), Value::to_json)
            .contains("CloudFront Origin Access Identity")
            || truthy(maybe(principal, "CanonicalUser"));
        if oai {
            for action in as_list(statement.get("Action")) {
                let action = text(Some(action))?.to_lowercase();
                if action != "s3:getobject" && action != "s3:putobject" {
                    return Ok(false);
                }
            }
            found = true;
        }
    }
    Ok(found)
}
