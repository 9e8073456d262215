//! VPCs have a flow log attached (`ResourceType: VPC` referencing the VPC).

use crate::rule::prelude::*;

/// VPCs have flow logs enabled.
pub static RULE: Rule = Rule {
    name: "VPCFlowLogsEnabled",
    service: "vpc",
    resource_types: &["AWS::EC2::VPC"],
    check,
};

fn check(vpc: &Resource, template: &Template) -> Outcome {
    Ok(Verdict::from_pass(
        template
            .resources_of_type("AWS::EC2::FlowLog")
            .any(|flow_log| {
                is_str(flow_log.prop("ResourceType"), "VPC")
                    && is_str(referenced(flow_log.prop("ResourceId")), &vpc.logical_id)
            }),
    ))
}
