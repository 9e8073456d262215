//! Aurora MySQL and PostgreSQL clusters authenticate with IAM.

use crate::rule::prelude::*;

/// Aurora MySQL and PostgreSQL clusters authenticate with IAM.
pub static RULE: Rule = Rule {
    name: "AuroraMySQLPostgresIAMAuth",
    service: "rds",
    info: "The Aurora MySQL or PostgreSQL cluster does not use IAM database authentication.",
    explanation: "IAM authentication replaces long-lived database passwords with short-lived tokens tied to IAM identities. Set EnableIAMDatabaseAuthentication to true.",
    resource_types: &["AWS::RDS::DBCluster"],
    check,
};

use super::aurora_my_sql_backtrack::raw_engine;

fn check(cluster: &Resource, _: &Template) -> Outcome {
    if !truthy(cluster.prop("Engine")) {
        return Ok(Verdict::NotApplicable);
    }
    if raw_engine(cluster).is_some_and(|engine| engine.contains("aurora")) {
        if is_nullish(cluster.prop("EnableIAMDatabaseAuthentication")) {
            return Ok(Verdict::NonCompliant);
        }
        let enabled = primitive(cluster.prop("EnableIAMDatabaseAuthentication"))?;
        if loose_false(enabled) {
            return Ok(Verdict::NonCompliant);
        }
    }
    Ok(Verdict::Compliant)
}
