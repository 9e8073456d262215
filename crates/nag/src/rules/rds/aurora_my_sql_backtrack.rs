//! Aurora MySQL clusters keep a backtrack window.

use crate::rule::prelude::*;

/// Aurora MySQL clusters keep a backtrack window.
pub static RULE: Rule = Rule {
    name: "AuroraMySQLBacktrack",
    service: "rds",
    info: "The Aurora MySQL cluster does not have backtrack enabled.",
    explanation: "Backtracking rewinds the cluster to an earlier point in seconds, without restoring from a backup, after a bad write or delete. Set BacktrackWindow to a non-zero number of seconds.",
    resource_types: &["AWS::RDS::DBCluster"],
    check,
};

fn check(cluster: &Resource, _: &Template) -> Outcome {
    let engine = lower_engine(cluster)?;
    let window = primitive(cluster.prop("BacktrackWindow"))?;
    let mysql = engine == "aurora" || engine == "aurora-mysql";
    Ok(Verdict::from_pass(
        !(mysql && (is_nullish(window) || loose_eq_number(window, 0.0))),
    ))
}

/// The engine lowercased, as cdk-nag reads it (`resolveIfPrimitive(engine).toLowerCase()`):
/// a missing or unresolved engine cannot be evaluated.
pub(super) fn lower_engine(resource: &Resource) -> Result<String, Unresolvable> {
    Ok(text(primitive(resource.prop("Engine"))?)?.to_lowercase())
}

/// The raw engine lowercased without resolving it (`node.engine.toLowerCase()`): an unresolved
/// engine is an opaque token that contains no engine name.
pub(super) fn raw_engine(resource: &Resource) -> Option<String> {
    match resource.prop("Engine") {
        None | Some(Value::Null) => None,
        Some(value) if value.is_composite() => Some(String::from("${token}")),
        Some(value) => string_of(Some(value)).map(|engine| engine.to_lowercase()),
    }
}
