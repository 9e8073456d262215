//! Neptune DB clusters encrypt their storage.

use crate::rule::prelude::*;

/// Neptune DB clusters encrypt their storage.
pub static RULE: Rule = Rule {
    name: "NeptuneClusterEncryptionAtRest",
    service: "neptune",
    info: "The Neptune DB cluster does not encrypt its storage.",
    explanation: "Encrypted storage protects the graph data, its backups and snapshots if the media is exposed. Set StorageEncrypted to true (optionally with a KmsKeyId).",
    resource_types: &["AWS::Neptune::DBCluster"],
    check,
};

fn check(resource: &Resource, _: &Template) -> Outcome {
    if is_nullish(resource.prop("StorageEncrypted")) {
        return Ok(Verdict::NonCompliant);
    }
    let enabled = primitive(resource.prop("StorageEncrypted"))?;
    Ok(Verdict::from_pass(truthy_flag(enabled)))
}
