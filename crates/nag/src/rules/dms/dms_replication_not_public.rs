//! DMS replication instances are explicitly not publicly accessible.

use crate::rule::prelude::*;

/// DMS replication instances are explicitly not publicly accessible.
pub static RULE: Rule = Rule {
    name: "DMSReplicationNotPublic",
    service: "dms",
    resource_types: &["AWS::DMS::ReplicationInstance"],
    check,
};

fn check(instance: &Resource, _: &Template) -> Outcome {
    Ok(Verdict::from_pass(
        flag(primitive(instance.prop("PubliclyAccessible"))?) == Some(false),
    ))
}
