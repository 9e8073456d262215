//! MediaStore containers have a container policy.

use crate::rule::prelude::*;

/// MediaStore containers have a container policy.
pub static RULE: Rule = Rule {
    name: "MediaStoreContainerHasContainerPolicy",
    service: "mediastore",
    info: "The MediaStore container has no container policy.",
    explanation: "The container policy states who may do what with the container; without one, access rests only on account defaults. Set Policy with least-privilege statements.",
    resource_types: &["AWS::MediaStore::Container"],
    check,
};

fn check(container: &Resource, _: &Template) -> Outcome {
    Ok(Verdict::from_pass(!is_nullish(container.prop("Policy"))))
}
