//! MSK clusters encrypt traffic between brokers.

use crate::rule::prelude::*;

/// MSK clusters encrypt traffic between brokers.
pub static RULE: Rule = Rule {
    name: "MSKBrokerToBrokerTLS",
    service: "msk",
    info: "The MSK cluster does not use TLS between brokers.",
    explanation: "Replication traffic between brokers carries all topic data. Leave EncryptionInTransit.InCluster on (true).",
    resource_types: &["AWS::MSK::Cluster"],
    check,
};

fn check(cluster: &Resource, _: &Template) -> Outcome {
    let in_transit = maybe_set(
        maybe_set(cluster.prop("EncryptionInfo"), "EncryptionInTransit")?,
        "InCluster",
    )?;
    Ok(Verdict::from_pass(
        flag(primitive(in_transit)?) != Some(false),
    ))
}

/// `value != undefined ? value.key : undefined`.
pub(super) fn maybe_set<'a>(value: Slot<'a>, key: &str) -> Result<Slot<'a>, Unresolvable> {
    if is_nullish(value) {
        Ok(None)
    } else {
        member(value, key)
    }
}
