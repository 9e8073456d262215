//! MediaStore containers define a CORS policy.

use crate::rule::prelude::*;

/// MediaStore containers define a CORS policy.
pub static RULE: Rule = Rule {
    name: "MediaStoreContainerCORSPolicy",
    service: "mediastore",
    info: "The MediaStore container has no CORS policy.",
    explanation: "A CORS policy states which web origins may use the container from a browser, instead of leaving it to defaults. Set CorsPolicy with the allowed origins, methods and headers.",
    resource_types: &["AWS::MediaStore::Container"],
    check,
};

fn check(container: &Resource, _: &Template) -> Outcome {
    let cors = container.prop("CorsPolicy");
    Ok(Verdict::from_pass(
        !is_nullish(cors) && js_length(cors) != Some(0),
    ))
}
