//! The Glue security configuration a job or crawler names, and its encryption modes.

use crate::rule::prelude::*;

/// Compliant when the named Glue security configuration (by logical id or name) has
/// `EncryptionConfiguration.<setting>.<mode_key>` equal to `mode`.
pub fn security_configuration_mode(
    configuration_id: Slot,
    template: &Template,
    setting: &str,
    mode_key: &str,
    mode: &str,
) -> Outcome {
    let Some(wanted) = referenced(configuration_id).filter(|id| !is_nullish(Some(id))) else {
        return Ok(Verdict::NonCompliant);
    };
    for configuration in template.resources_of_type("AWS::Glue::SecurityConfiguration") {
        if !is_str(Some(wanted), &configuration.logical_id)
            && !same(configuration.prop("Name"), Some(wanted))
        {
            continue;
        }
        let encryption = member(configuration.prop("EncryptionConfiguration"), setting)?;
        if encryption.is_some() && primitive_is(member(encryption, mode_key)?, mode)? {
            return Ok(Verdict::Compliant);
        }
    }
    Ok(Verdict::NonCompliant)
}
