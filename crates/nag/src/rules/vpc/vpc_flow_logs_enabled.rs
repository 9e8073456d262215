//! VPCs have a flow log attached (`ResourceType: VPC` referencing the VPC).

use crate::rule::prelude::*;

/// Every VPC has a flow log pointed at it.
pub static RULE: Rule = Rule {
    name: "VPCFlowLogsEnabled",
    service: "vpc",
    info: "The VPC has no flow log.",
    explanation: "Flow logs record the IP traffic of the VPC, which troubleshooting and security investigations need. Create an AWS::EC2::FlowLog for the VPC.",
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
