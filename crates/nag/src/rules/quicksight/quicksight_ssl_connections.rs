//! QuickSight data sources connect with SSL.

use crate::rule::prelude::*;

/// QuickSight data sources connect with SSL.
pub static RULE: Rule = Rule {
    name: "QuicksightSSLConnections",
    service: "quicksight",
    info: "The QuickSight data source connects without SSL.",
    explanation: "Query results and credentials travel between QuickSight and the data source and should be encrypted. Do not set SslProperties.DisableSsl to true.",
    resource_types: &["AWS::QuickSight::DataSource"],
    check,
};

fn check(source: &Resource, _: &Template) -> Outcome {
    let ssl = source.prop("SslProperties");
    if is_nullish(ssl) {
        return Ok(Verdict::Compliant);
    }
    let disabled = primitive(member(ssl, "DisableSsl")?)?;
    Ok(Verdict::from_pass(flag(disabled) != Some(true)))
}
