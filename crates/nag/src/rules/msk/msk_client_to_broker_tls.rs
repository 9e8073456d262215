//! MSK clusters accept only TLS connections from clients.

use crate::rule::prelude::*;

/// MSK clusters accept only TLS connections from clients.
pub static RULE: Rule = Rule {
    name: "MSKClientToBrokerTLS",
    service: "msk",
    info: "The MSK cluster allows clients to connect without TLS.",
    explanation: "Plain-text client connections expose messages and credentials on the network. Set EncryptionInTransit.ClientBroker to TLS.",
    resource_types: &["AWS::MSK::Cluster"],
    check,
};

use super::msk_broker_to_broker_tls::maybe_set;

fn check(cluster: &Resource, _: &Template) -> Outcome {
    let client = maybe_set(
        maybe_set(cluster.prop("EncryptionInfo"), "EncryptionInTransit")?,
        "ClientBroker",
    )?;
    let client = primitive(client)?;
    Ok(Verdict::from_pass(
        is_nullish(client) || is_str(client, "TLS"),
    ))
}
