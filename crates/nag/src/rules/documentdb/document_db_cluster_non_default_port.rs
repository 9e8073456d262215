//! DocumentDB clusters do not listen on the default port 27017.

use crate::rule::prelude::*;

/// DocumentDB clusters do not listen on the default port 27017.
pub static RULE: Rule = Rule {
    name: "DocumentDBClusterNonDefaultPort",
    service: "documentdb",
    info: "The DocumentDB cluster uses the default port 27017.",
    explanation: "Scanners try default ports first. Set Port to a non-default value; this adds a small hurdle on top of network controls.",
    resource_types: &["AWS::DocDB::DBCluster"],
    check,
};

fn check(cluster: &Resource, _: &Template) -> Outcome {
    let port = primitive(cluster.prop("Port"))?;
    Ok(Verdict::from_pass(
        !is_nullish(port) && !loose_eq_number(port, 27017.0),
    ))
}
