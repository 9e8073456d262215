//! Shared by the EC2 rules that follow an instance or Auto Scaling group to its launch
//! template: how a launch template specification matches a template's `AWS::EC2::LaunchTemplate`,
//! and what the launch template says about its block devices.

use crate::rule::prelude::*;

/// Whether `launch_template` is the one named by `name` or `id`, compared as cdk-nag compares
/// them: the name with the launch template's own `LaunchTemplateName` (two absent names match),
/// the id with its logical id.
pub(super) fn matches(launch_template: &Resource, name: Slot, id: Slot) -> bool {
    same(name, launch_template.prop("LaunchTemplateName"))
        || same(id, Some(&Value::String(launch_template.logical_id.clone())))
}

/// Whether the block devices of an instance or launch template are all encrypted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Devices {
    /// Every block device mapping is an encrypted EBS volume.
    Encrypted,
    /// Some mapping is not encrypted.
    Unencrypted,
    /// No block device mappings.
    Absent,
}

/// The state of a list of block device mappings (absent or empty is `Absent`).
pub(super) fn devices(mappings: Slot) -> Result<Devices, Unresolvable> {
    if mappings.is_none() || js_length(mappings) == Some(0) {
        return Ok(Devices::Absent);
    }
    for mapping in items(mappings)? {
        let encrypted = primitive(member(member(Some(mapping), "Ebs")?, "Encrypted")?)?;
        if flag(encrypted) != Some(true) {
            return Ok(Devices::Unencrypted);
        }
    }
    Ok(Devices::Encrypted)
}

/// The state of a launch template's block device mappings.
pub(super) fn template_devices(launch_template: &Resource) -> Result<Devices, Unresolvable> {
    let data = launch_template.prop("LaunchTemplateData");
    devices(member(data, "BlockDeviceMappings")?)
}
