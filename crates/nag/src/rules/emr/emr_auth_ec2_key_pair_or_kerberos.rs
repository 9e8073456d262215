//! EMR clusters use Kerberos or an EC2 key pair for authentication.

use crate::rule::prelude::*;

/// EMR clusters use Kerberos or an EC2 key pair for authentication.
pub static RULE: Rule = Rule {
    name: "EMRAuthEC2KeyPairOrKerberos",
    service: "emr",
    resource_types: &["AWS::EMR::Cluster"],
    check,
};

fn check(cluster: &Resource, _: &Template) -> Outcome {
    if !is_nullish(cluster.prop("KerberosAttributes")) {
        return Ok(Verdict::Compliant);
    }
    Ok(Verdict::from_pass(!is_nullish(member(
        cluster.prop("Instances"),
        "Ec2KeyName",
    )?)))
}
