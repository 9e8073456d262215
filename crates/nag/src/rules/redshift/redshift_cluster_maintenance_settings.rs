//! Redshift clusters keep snapshots, have a maintenance window and allow version upgrades.

use crate::rule::prelude::*;

/// Redshift clusters keep snapshots, have a maintenance window and allow version upgrades.
pub static RULE: Rule = Rule {
    name: "RedshiftClusterMaintenanceSettings",
    service: "redshift",
    info: "The Redshift cluster does not combine version upgrades, automated snapshots and an explicit maintenance window.",
    explanation: "Keeping the engine patched and recoverable needs all three. Allow version upgrades, keep snapshot retention above 0 and set PreferredMaintenanceWindow.",
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
