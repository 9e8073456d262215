//! Redshift clusters keep snapshots, have a maintenance window and allow version upgrades.

use crate::rule::prelude::*;

/// Redshift clusters keep snapshots, have a maintenance window and allow version upgrades.
pub static RULE: Rule = Rule {
    name: "RedshiftClusterMaintenanceSettings",
    service: "redshift",
    resource_types: &["AWS::Redshift::Cluster"],
    check,
};

fn check(cluster: &Resource, _: &Template) -> Outcome {
    let upgrades = primitive(cluster.prop("AllowVersionUpgrade"))?;
    let retention = primitive(cluster.prop("AutomatedSnapshotRetentionPeriod"))?;
    Ok(Verdict::from_pass(
        number(retention) != Some(0.0)
            && !is_nullish(cluster.prop("PreferredMaintenanceWindow"))
            && flag(upgrades) != Some(false),
    ))
}
