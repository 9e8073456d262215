//! The EMR security configuration a cluster names, and what it turns on.

use crate::rule::prelude::*;

/// Compliant when the cluster's `SecurityConfiguration` (by logical id or name) sets
/// `switch` to `true` and has a value at `provider_path`.
pub fn security_configuration_enables(
    cluster: &Resource,
    template: &Template,
    switch: &str,
    provider_path: &[&str],
) -> Outcome {
    let Some(wanted) =
        referenced(cluster.prop("SecurityConfiguration")).filter(|id| !is_nullish(Some(id)))
    else {
        return Ok(Verdict::NonCompliant);
    };
    let enabled = template
        .resources_of_type("AWS::EMR::SecurityConfiguration")
        .filter(|configuration| {
            is_str(Some(wanted), &configuration.logical_id)
                || same(configuration.prop("Name"), Some(wanted))
        })
        .any(|configuration| {
            let settings = configuration.prop("SecurityConfiguration");
            let provider = provider_path
                .iter()
                .fold(settings, |value, key| maybe(value, key));
            flag(maybe(settings, switch)) == Some(true) && provider.is_some()
        });
    Ok(Verdict::from_pass(enabled))
}
