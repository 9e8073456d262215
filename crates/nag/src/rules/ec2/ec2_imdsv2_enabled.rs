//! EC2 instances and Auto Scaling groups require IMDSv2 through their launch template or configuration.

use crate::rule::prelude::*;

/// EC2 instances and Auto Scaling groups require IMDSv2 through their launch template or configuration.
pub static RULE: Rule = Rule {
    name: "EC2IMDSv2Enabled",
    service: "ec2",
    info: "The EC2 instance or Auto Scaling group does not require IMDSv2.",
    explanation: "IMDSv1 answers plain GET requests, which server-side request forgery can abuse to steal role credentials; IMDSv2 needs a session token. Launch from a launch template (or configuration) whose metadata options set HttpTokens to required.",
    resource_types: &["AWS::EC2::Instance", "AWS::AutoScaling::AutoScalingGroup"],
    check,
};

use super::launch_template::matches;

fn check(resource: &Resource, template: &Template) -> Outcome {
    let specification = resource.prop("LaunchTemplate");
    if resource.resource_type == "AWS::EC2::Instance" && specification.is_none() {
        return Ok(Verdict::NonCompliant);
    }
    if resource.resource_type == "AWS::EC2::Instance" || truthy(specification) {
        for launch_template in template.resources_of_type("AWS::EC2::LaunchTemplate") {
            let name = referenced(member(specification, "LaunchTemplateName")?);
            let id = referenced(member(specification, "LaunchTemplateId")?);
            if matches(launch_template, name, id) {
                let data = launch_template.prop("LaunchTemplateData");
                return Ok(Verdict::from_pass(requires_tokens(member(
                    data,
                    "MetadataOptions",
                )?)));
            }
        }
    } else if truthy(resource.prop("LaunchConfigurationName")) {
        let wanted = resource.prop("LaunchConfigurationName");
        for configuration in template.resources_of_type("AWS::AutoScaling::LaunchConfiguration") {
            let id = Value::String(configuration.logical_id.clone());
            if same(wanted, configuration.prop("LaunchConfigurationName"))
                || same(referenced(wanted), Some(&id))
            {
                return Ok(Verdict::from_pass(requires_tokens(
                    configuration.prop("MetadataOptions"),
                )));
            }
        }
    }
    Ok(Verdict::NonCompliant)
}

fn requires_tokens(options: Slot) -> bool {
    is_str(maybe(options, "HttpTokens"), "required")
}
