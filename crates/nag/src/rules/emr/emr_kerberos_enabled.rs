//! EMR clusters authenticate with Kerberos.

use crate::rule::prelude::*;

/// EMR clusters authenticate with Kerberos.
pub static RULE: Rule = Rule {
    name: "EMRKerberosEnabled",
    service: "emr",
    info: "The EMR cluster does not use Kerberos.",
    explanation: "Kerberos gives strong authentication for the users and services of the cluster. Configure KerberosAttributes together with a security configuration that enables Kerberos.",
    resource_types: &["AWS::EMR::Cluster"],
    check,
};

fn check(cluster: &Resource, _: &Template) -> Outcome {
    Ok(Verdict::from_pass(!is_nullish(
        cluster.prop("KerberosAttributes"),
    )))
}
