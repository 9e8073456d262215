//! EMR clusters write logs to S3 (a LogUri).

use crate::rule::prelude::*;

/// EMR clusters write logs to S3 (a LogUri).
pub static RULE: Rule = Rule {
    name: "EMRS3AccessLogging",
    service: "emr",
    resource_types: &["AWS::EMR::Cluster"],
    check,
};

fn check(cluster: &Resource, _: &Template) -> Outcome {
    Ok(Verdict::from_pass(!is_nullish(cluster.prop("LogUri"))))
}
