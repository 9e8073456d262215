//! RDS DB instances and Aurora clusters encrypt their storage.

use crate::rule::prelude::*;

/// RDS DB instances and Aurora clusters encrypt their storage.
pub static RULE: Rule = Rule {
    name: "RDSStorageEncrypted",
    service: "rds",
    info: "The RDS DB instance or Aurora DB cluster does not have storage encryption enabled.",
    explanation: "Encrypted storage protects the database, its logs, backups and snapshots at rest. Set StorageEncrypted to true (on the cluster for Aurora instances).",
    resource_types: &["AWS::RDS::DBCluster", "AWS::RDS::DBInstance"],
    check,
};

use super::aurora_my_sql_backtrack::raw_engine;

fn check(resource: &Resource, _: &Template) -> Outcome {
    let encrypted = resource.prop("StorageEncrypted");
    if resource.resource_type == "AWS::RDS::DBCluster" {
        if is_nullish(encrypted) {
            return Ok(Verdict::NonCompliant);
        }
        return Ok(Verdict::from_pass(!loose_false(primitive(encrypted)?)));
    }
    let encrypted = primitive(encrypted)?;
    let unencrypted = loose_false(encrypted) || is_nullish(encrypted);
    let aurora = raw_engine(resource).is_some_and(|engine| engine.contains("aurora"));
    Ok(Verdict::from_pass(!unencrypted || aurora))
}
