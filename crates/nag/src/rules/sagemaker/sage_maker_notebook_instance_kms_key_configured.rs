//! SageMaker notebook instances encrypt their storage with a KMS key.

use crate::rule::prelude::*;

/// SageMaker notebook instances encrypt their storage with a KMS key.
pub static RULE: Rule = Rule {
    name: "SageMakerNotebookInstanceKMSKeyConfigured",
    service: "sagemaker",
    info: "The SageMaker notebook instance does not use a KMS key for its storage.",
    explanation: "The notebook volume holds code and data samples; a KMS key you control protects them at rest. Set KmsKeyId on the notebook instance.",
    resource_types: &["AWS::SageMaker::NotebookInstance"],
    check,
};

fn check(resource: &Resource, _: &Template) -> Outcome {
    Ok(Verdict::from_pass(!is_nullish(resource.prop("KmsKeyId"))))
}
