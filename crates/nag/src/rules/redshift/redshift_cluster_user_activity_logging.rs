//! Redshift clusters use a parameter group with enable_user_activity_logging set to true.

use crate::rule::prelude::*;

/// Redshift clusters use a parameter group with enable_user_activity_logging set to true.
pub static RULE: Rule = Rule {
    name: "RedshiftClusterUserActivityLogging",
    service: "redshift",
    info: "The Redshift cluster does not log user activity.",
    explanation: "The user activity log records every query before it runs, which audits and investigations need. Set the parameter enable_user_activity_logging to true in the cluster's parameter group.",
    resource_types: &["AWS::Redshift::Cluster"],
    check,
};

fn check(cluster: &Resource, template: &Template) -> Outcome {
    let Some(group_id) = referenced(cluster.prop("ClusterParameterGroupName")) else {
        return Ok(Verdict::NonCompliant);
    };
    let Some(group) = template
        .resources_of_type("AWS::Redshift::ClusterParameterGroup")
        .find(|group| is_str(Some(group_id), &group.logical_id))
    else {
        return Ok(Verdict::NonCompliant);
    };
    let parameters = group.prop("Parameters");
    if is_nullish(parameters) {
        return Ok(Verdict::NonCompliant);
    }
    for parameter in items(parameters)? {
        if is_str(
            member(Some(parameter), "ParameterName")?,
            "enable_user_activity_logging",
        ) && is_str(parameter.get("ParameterValue"), "true")
        {
            return Ok(Verdict::Compliant);
        }
    }
    Ok(Verdict::NonCompliant)
}
