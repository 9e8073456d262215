//! EKS clusters publish all control plane logs (api, audit, authenticator, controllerManager, scheduler).

use crate::rule::prelude::*;

/// EKS clusters publish all control plane logs (api, audit, authenticator, controllerManager, scheduler).
pub static RULE: Rule = Rule {
    name: "EKSClusterControlPlaneLogs",
    service: "eks",
    info: "The EKS cluster does not publish every control plane log type.",
    explanation: "Control plane logs record API calls, authentication and scheduling decisions, which security investigations need. Enable the api, audit, authenticator, controllerManager and scheduler log types.",
    resource_types: &["AWS::EKS::Cluster", "Custom::AWSCDK-EKS-Cluster"],
    check,
};

const TYPES: [&str; 5] = [
    "api",
    "audit",
    "authenticator",
    "controllerManager",
    "scheduler",
];

fn check(cluster: &Resource, _: &Template) -> Outcome {
    let mut missing: Vec<&str> = TYPES.to_vec();
    if cluster.resource_type == "AWS::EKS::Cluster" {
        let enabled = maybe(
            maybe(cluster.prop("Logging"), "ClusterLogging"),
            "EnabledTypes",
        );
        if !is_nullish(enabled) {
            for entry in items(enabled)? {
                let kind = primitive(member(Some(entry), "Type")?)?;
                missing.retain(|wanted| !is_str(kind, wanted));
                if missing.is_empty() {
                    break;
                }
            }
        }
    } else {
        // The CDK's own EKS construct: a custom resource with SDK-style (camelCase) keys.
        let logging = maybe(maybe(cluster.prop("Config"), "logging"), "clusterLogging");
        if !is_nullish(logging) {
            for setting in items(logging)? {
                if maybe(Some(setting), "enabled") == Some(&Value::Bool(true)) {
                    for kind in items(setting.get("types"))? {
                        missing.retain(|wanted| kind.as_str() != Some(wanted));
                    }
                }
            }
        }
    }
    Ok(Verdict::from_findings(
        missing
            .into_iter()
            .map(|log| format!("LogExport::{log}"))
            .collect(),
    ))
}
