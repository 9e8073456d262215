//! DocumentDB clusters encrypt their storage.

use crate::rule::prelude::*;

/// DocumentDB clusters encrypt their storage.
pub static RULE: Rule = Rule {
    name: "DocumentDBClusterEncryptionAtRest",
    service: "documentdb",
    info: "The DocumentDB cluster does not encrypt its storage.",
    explanation: "Encrypted storage protects the data, its backups and snapshots if the underlying media is exposed. Set StorageEncrypted to true (optionally with a KmsKeyId).",
    resource_types: &["AWS::DocDB::DBCluster"],
    check,
};

fn check(cluster: &Resource, _: &Template) -> Outcome {
    if is_nullish(cluster.prop("StorageEncrypted")) {
        return Ok(Verdict::NonCompliant);
    }
    let encrypted = primitive(cluster.prop("StorageEncrypted"))?;
    Ok(Verdict::from_pass(truthy_flag(encrypted)))
}
