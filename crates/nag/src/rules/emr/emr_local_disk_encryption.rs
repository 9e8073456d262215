//! EMR clusters use a security configuration with local disk encryption.

use super::security_configuration::security_configuration_enables;
use crate::rule::prelude::*;

/// EMR clusters use a security configuration with local disk encryption.
pub static RULE: Rule = Rule {
    name: "EMRLocalDiskEncryption",
    service: "emr",
    resource_types: &["AWS::EMR::Cluster"],
    check,
};

fn check(cluster: &Resource, template: &Template) -> Outcome {
    security_configuration_enables(
        cluster,
        template,
        "EnableAtRestEncryption",
        &[
            "AtRestEncryptionConfiguration",
            "LocalDiskEncryptionConfiguration",
            "EncryptionKeyProviderType",
        ],
    )
}
