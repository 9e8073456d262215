//! SageMaker notebook instances have no direct internet access.

use crate::rule::prelude::*;

/// SageMaker notebook instances have no direct internet access.
pub static RULE: Rule = Rule {
    name: "SageMakerNotebookNoDirectInternetAccess",
    service: "sagemaker",
    info: "The SageMaker notebook instance has direct internet access.",
    explanation: "Direct internet access lets data leave, and attacks arrive, outside your VPC controls. Set DirectInternetAccess to Disabled and route traffic through the VPC.",
    resource_types: &["AWS::SageMaker::NotebookInstance"],
    check,
};

fn check(notebook: &Resource, _: &Template) -> Outcome {
    let access = primitive(notebook.prop("DirectInternetAccess"))?;
    Ok(Verdict::from_pass(is_str(access, "Disabled")))
}
