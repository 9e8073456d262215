//! EMR clusters write logs to S3 (a LogUri).

use crate::rule::prelude::*;

/// EMR clusters write logs to S3 (a LogUri).
pub static RULE: Rule = Rule {
    name: "EMRS3AccessLogging",
    service: "emr",
    info: "The EMR cluster does not write its logs to S3.",
    explanation: "Cluster logs are lost when the cluster ends unless they are copied out. Set LogUri so logs are kept in S3 for troubleshooting and audits.",
    resource_types: &["AWS::EMR::Cluster"],
    check,
};

fn check(cluster: &Resource, _: &Template) -> Outcome {
    Ok(Verdict::from_pass(!is_nullish(cluster.prop("LogUri"))))
}
