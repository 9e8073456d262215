//! EMR clusters use a security configuration with local disk encryption.

use super::security_configuration::security_configuration_enables;
use crate::rule::prelude::*;

/// EMR clusters use a security configuration with local disk encryption.
pub static RULE: Rule = Rule {
    name: "EMRLocalDiskEncryption",
    service: "emr",
    info: "The EMR cluster has no security configuration that encrypts its local disks.",
    explanation: "Instance store and EBS volumes of the nodes can hold copies of data. Attach a security configuration with local disk encryption enabled.",
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
