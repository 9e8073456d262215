//! EKS cluster API endpoints are private only.

use crate::rule::prelude::*;

/// EKS cluster API endpoints are private only.
pub static RULE: Rule = Rule {
    name: "EKSClusterNoEndpointPublicAccess",
    service: "eks",
    info: "The EKS cluster's Kubernetes API endpoint is publicly accessible.",
    explanation: "A public API endpoint can be reached, and attacked, from the internet. Set endpointPublicAccess to false and reach the cluster from inside the VPC.",
    resource_types: &["AWS::EKS::Cluster", "Custom::AWSCDK-EKS-Cluster"],
    check,
};

fn check(cluster: &Resource, _: &Template) -> Outcome {
    if cluster.resource_type == "AWS::EKS::Cluster" {
        let public = member(cluster.prop("ResourcesVpcConfig"), "EndpointPublicAccess")?;
        return Ok(Verdict::from_pass(flag(primitive(public)?) == Some(false)));
    }
    // The CDK's own EKS construct: an untyped custom resource, so only a real `false` counts.
    let public = maybe(
        maybe(cluster.prop("Config"), "resourcesVpcConfig"),
        "endpointPublicAccess",
    );
    Ok(Verdict::from_pass(
        primitive(public)? == Some(&Value::Bool(false)),
    ))
}
