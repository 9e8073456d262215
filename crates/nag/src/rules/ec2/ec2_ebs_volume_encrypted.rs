//! EBS volumes, and the volumes of instances, launch configurations and launch templates, are encrypted.

use crate::rule::prelude::*;

/// EBS volumes, and the volumes of instances, launch configurations and launch templates, are encrypted.
pub static RULE: Rule = Rule {
    name: "EC2EBSVolumeEncrypted",
    service: "ec2",
    info: "The resource creates one or more EBS volumes without encryption.",
    explanation: "EBS encryption protects volumes and their snapshots at rest with KMS, without key infrastructure of your own. Set Encrypted to true on the volume or on every block device mapping.",
    resource_types: &[
        "AWS::EC2::Volume",
        "AWS::EC2::Instance",
        "AWS::AutoScaling::LaunchConfiguration",
        "AWS::AutoScaling::AutoScalingGroup",
    ],
    check,
};

use super::launch_template::{Devices, devices, matches, template_devices};

fn check(resource: &Resource, template: &Template) -> Outcome {
    match resource.resource_type.as_str() {
        "AWS::EC2::Volume" => {
            let encrypted = primitive(resource.prop("Encrypted"))?;
            Ok(Verdict::from_pass(flag(encrypted) == Some(true)))
        }
        "AWS::EC2::Instance" => instance(resource, template),
        "AWS::AutoScaling::LaunchConfiguration" => {
            let mappings = resource.prop("BlockDeviceMappings");
            if is_nullish(mappings) {
                return Ok(Verdict::NonCompliant);
            }
            Ok(Verdict::from_pass(
                devices(mappings)? != Devices::Unencrypted,
            ))
        }
        _ => {
            let specification = resource.prop("LaunchTemplate");
            for launch_template in template.resources_of_type("AWS::EC2::LaunchTemplate") {
                let name = member(specification, "LaunchTemplateName")?;
                let id = member(specification, "LaunchTemplateId")?;
                if matches(launch_template, name, id) {
                    return Ok(Verdict::from_pass(
                        template_devices(launch_template)? == Devices::Encrypted,
                    ));
                }
            }
            Ok(Verdict::NotApplicable)
        }
    }
}

fn instance(instance: &Resource, template: &Template) -> Outcome {
    let own = devices(instance.prop("BlockDeviceMappings"))?;
    let specification = instance.prop("LaunchTemplate");
    for launch_template in template.resources_of_type("AWS::EC2::LaunchTemplate") {
        let name = member(specification, "LaunchTemplateName")?;
        let id = member(specification, "LaunchTemplateId")?;
        if matches(launch_template, name, id) {
            let from_template = template_devices(launch_template)?;
            let absent = own == Devices::Absent && from_template == Devices::Absent;
            let unencrypted = own == Devices::Unencrypted || from_template == Devices::Unencrypted;
            return Ok(Verdict::from_pass(!absent && !unencrypted));
        }
    }
    Ok(Verdict::from_pass(own == Devices::Encrypted))
}
