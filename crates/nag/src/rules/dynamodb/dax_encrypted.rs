//! DAX clusters encrypt data at rest.

use crate::rule::prelude::*;

/// DAX clusters encrypt data at rest.
pub static RULE: Rule = Rule {
    name: "DAXEncrypted",
    service: "dynamodb",
    info: "The DAX cluster does not encrypt data at rest.",
    explanation: "The cache holds copies of table data and should be as protected as the table. Set SSESpecification.SSEEnabled to true.",
    resource_types: &["AWS::DAX::Cluster"],
    check,
};

fn check(cluster: &Resource, _: &Template) -> Outcome {
    let sse = cluster.prop("SSESpecification");
    if is_nullish(sse) {
        return Ok(Verdict::NonCompliant);
    }
    let enabled = primitive(member(sse, "SSEEnabled")?)?;
    Ok(Verdict::from_pass(truthy_flag(enabled)))
}
