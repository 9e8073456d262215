//! Redshift clusters do not use the default port 5439.

use crate::rule::prelude::*;

/// Redshift clusters do not use the default port 5439.
pub static RULE: Rule = Rule {
    name: "RedshiftClusterNonDefaultPort",
    service: "redshift",
    info: "The Redshift cluster listens on the default port 5439.",
    explanation: "Default ports are the first ones scanned. Choose another Port to make the endpoint harder to find (this complements, not replaces, network controls).",
    resource_types: &["AWS::Redshift::Cluster"],
    check,
};

fn check(cluster: &Resource, _: &Template) -> Outcome {
    let port = primitive(cluster.prop("Port"))?;
    Ok(Verdict::from_pass(
        !is_nullish(port) && number(port) != Some(5439.0),
    ))
}
