//! MediaStore containers log access to CloudWatch.

use crate::rule::prelude::*;

/// MediaStore containers log access to CloudWatch.
pub static RULE: Rule = Rule {
    name: "MediaStoreContainerAccessLogging",
    service: "mediastore",
    info: "The MediaStore container does not have access logging enabled.",
    explanation: "Access logs record the requests made to the container's objects, for troubleshooting and audits. Set AccessLoggingEnabled to true.",
    resource_types: &["AWS::MediaStore::Container"],
    check,
};

fn check(container: &Resource, _: &Template) -> Outcome {
    let enabled = primitive(container.prop("AccessLoggingEnabled"))?;
    Ok(Verdict::from_pass(flag(enabled) == Some(true)))
}
