//! Cloud9 EC2 environments connect through Systems Manager (no inbound ports).

use crate::rule::prelude::*;

/// Cloud9 EC2 environments connect through Systems Manager (no inbound ports).
pub static RULE: Rule = Rule {
    name: "Cloud9InstanceNoIngressSystemsManager",
    service: "cloud9",
    info: "The Cloud9 environment does not use a no-ingress EC2 instance reached through Systems Manager.",
    explanation: "With Systems Manager the instance needs no open inbound ports at all, which removes an attack surface. Set ConnectionType to CONNECT_SSM.",
    resource_types: &["AWS::Cloud9::EnvironmentEC2"],
    check,
};

fn check(environment: &Resource, _: &Template) -> Outcome {
    let connection = primitive(environment.prop("ConnectionType"))?;
    Ok(Verdict::from_pass(
        string_of(connection).as_deref() == Some("CONNECT_SSM"),
    ))
}
