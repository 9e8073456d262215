//! DMS replication instances are explicitly not publicly accessible.

use crate::rule::prelude::*;

/// DMS replication instances are explicitly not publicly accessible.
pub static RULE: Rule = Rule {
    name: "DMSReplicationNotPublic",
    service: "dms",
    info: "The DMS replication instance is publicly accessible.",
    explanation: "A public replication instance can be reached from the internet. Set PubliclyAccessible to false and run it in private subnets of a VPC.",
    resource_types: &["AWS::DMS::ReplicationInstance"],
    check,
};

fn check(instance: &Resource, _: &Template) -> Outcome {
    Ok(Verdict::from_pass(
        flag(primitive(instance.prop("PubliclyAccessible"))?) == Some(false),
    ))
}
