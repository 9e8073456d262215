//! RDS DB instances and Aurora clusters have deletion protection on.

use crate::rule::prelude::*;

/// RDS DB instances and Aurora clusters have deletion protection on.
pub static RULE: Rule = Rule {
    name: "RDSInstanceDeletionProtectionEnabled",
    service: "rds",
    info: "The RDS DB instance or Aurora DB cluster does not have deletion protection enabled.",
    explanation: "Deletion protection keeps the database from being deleted by mistake, for instance by a stack update. Set DeletionProtection to true (on the cluster for Aurora instances).",
    resource_types: &["AWS::RDS::DBCluster", "AWS::RDS::DBInstance"],
    check,
};

use super::aurora_my_sql_backtrack::lower_engine;

fn check(resource: &Resource, _: &Template) -> Outcome {
    let protection = resource.prop("DeletionProtection");
    if resource.resource_type == "AWS::RDS::DBCluster" {
        if is_nullish(protection) {
            return Ok(Verdict::NonCompliant);
        }
        return Ok(Verdict::from_pass(!loose_false(primitive(protection)?)));
    }
    let protection = primitive(protection)?;
    let engine = primitive(resource.prop("Engine"))?;
    let unprotected = loose_false(protection) || is_nullish(protection);
    let aurora = !is_nullish(engine) && lower_engine(resource)?.contains("aurora");
    Ok(Verdict::from_pass(!unprotected || aurora))
}
