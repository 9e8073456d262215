//! SageMaker notebook instances run in a VPC subnet.

use crate::rule::prelude::*;

/// SageMaker notebook instances run in a VPC subnet.
pub static RULE: Rule = Rule {
    name: "SageMakerNotebookInVPC",
    service: "sagemaker",
    info: "The SageMaker notebook instance has no VPC subnet.",
    explanation: "In a VPC the notebook reaches data through your network controls instead of SageMaker's shared network. Set SubnetId (and security groups).",
    resource_types: &["AWS::SageMaker::NotebookInstance"],
    check,
};

fn check(resource: &Resource, _: &Template) -> Outcome {
    Ok(Verdict::from_pass(!is_nullish(resource.prop("SubnetId"))))
}
