//! EMR clusters use a security configuration with in-transit encryption and a TLS certificate provider.

use super::security_configuration::security_configuration_enables;
use crate::rule::prelude::*;

/// EMR clusters use a security configuration with in-transit encryption and a TLS certificate provider.
pub static RULE: Rule = Rule {
    name: "EMREncryptionInTransit",
    service: "emr",
    info: "The EMR cluster has no security configuration that enables and configures encryption in transit.",
    explanation: "Data moving between nodes and services can be intercepted. Attach a security configuration with EnableInTransitEncryption set and a TLS certificate provider configured.",
    resource_types: &["AWS::EMR::Cluster"],
    check,
};

fn check(cluster: &Resource, template: &Template) -> Outcome {
    security_configuration_enables(
        cluster,
        template,
        "EnableInTransitEncryption",
        &[
            "InTransitEncryptionConfiguration",
            "TLSCertificateConfiguration",
            "CertificateProviderType",
        ],
    )
}
