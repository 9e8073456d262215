//! MediaStore containers have an object lifecycle policy.

use crate::rule::prelude::*;

/// MediaStore containers have an object lifecycle policy.
pub static RULE: Rule = Rule {
    name: "MediaStoreContainerLifecyclePolicy",
    service: "mediastore",
    info: "The MediaStore container has no lifecycle policy.",
    explanation: "A lifecycle policy removes objects that are no longer needed, limiting cost and the data kept. Set LifecyclePolicy with expiration rules.",
    resource_types: &["AWS::MediaStore::Container"],
    check,
};

fn check(container: &Resource, _: &Template) -> Outcome {
    Ok(Verdict::from_pass(!is_nullish(
        container.prop("LifecyclePolicy"),
    )))
}
