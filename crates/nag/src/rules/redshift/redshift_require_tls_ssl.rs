//! Redshift clusters use a parameter group with require_ssl set to true.

use crate::rule::prelude::*;

/// Redshift clusters use a parameter group with require_ssl set to true.
pub static RULE: Rule = Rule {
    name: "RedshiftRequireTlsSSL",
    service: "redshift",
    info: "The Redshift cluster accepts connections without TLS.",
    explanation: "Unencrypted client connections expose credentials and query results on the network. Set require_ssl to true in the cluster's parameter group.",
    resource_types: &["AWS::Redshift::Cluster"],
    check,
};

fn check(cluster: &Resource, template: &Template) -> Outcome {
    let Some(group_id) = referenced(cluster.prop("ClusterParameterGroupName")) else {
        return Ok(Verdict::NonCompliant);
    };
    for group in template.resources_of_type("AWS::Redshift::ClusterParameterGroup") {
        let parameters = group.prop("Parameters");
        if !is_str(Some(group_id), &group.logical_id) || is_nullish(parameters) {
            continue;
        }
        for parameter in items(parameters)? {
            let name = text(member(Some(parameter), "ParameterName")?)?.to_lowercase();
            if name == "require_ssl"
                && text(parameter.get("ParameterValue"))?.to_lowercase() == "true"
            {
                return Ok(Verdict::Compliant);
            }
        }
    }
    Ok(Verdict::NonCompliant)
}
