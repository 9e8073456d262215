//! EMR clusters have Kerberos enabled.

use crate::rule::prelude::*;

/// EMR clusters have Kerberos enabled.
pub static RULE: Rule = Rule {
    name: "EMRKerberosEnabled",
    service: "emr",
    resource_types: &["AWS::EMR::Cluster"],
    check,
};

fn check(cluster: &Resource, _: &Template) -> Outcome {
    Ok(Verdict::from_pass(!is_nullish(
        cluster.prop("KerberosAttributes"),
    )))
}
