//! EMR clusters use Kerberos or an EC2 key pair for authentication.

use crate::rule::prelude::*;

/// EMR clusters use Kerberos or an EC2 key pair for authentication.
pub static RULE: Rule = Rule {
    name: "EMRAuthEC2KeyPairOrKerberos",
    service: "emr",
    info: "The EMR cluster authenticates neither with an EC2 key pair nor with Kerberos.",
    explanation: "Without an authentication mechanism, access to cluster nodes cannot be limited to known users. Configure an EC2 key pair or a Kerberos security configuration.",
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
