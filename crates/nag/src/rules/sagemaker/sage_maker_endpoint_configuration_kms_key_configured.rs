//! SageMaker endpoint configurations encrypt their storage with a KMS key.

use crate::rule::prelude::*;

/// SageMaker endpoint configurations encrypt their storage with a KMS key.
pub static RULE: Rule = Rule {
    name: "SageMakerEndpointConfigurationKMSKeyConfigured",
    service: "sagemaker",
    info: "The SageMaker endpoint configuration does not use a KMS key.",
    explanation: "A KMS key encrypts the storage attached to endpoint instances under a key you control. Set KmsKeyId on the endpoint configuration.",
    resource_types: &["AWS::SageMaker::EndpointConfig"],
    check,
};

fn check(resource: &Resource, _: &Template) -> Outcome {
    Ok(Verdict::from_pass(!is_nullish(resource.prop("KmsKeyId"))))
}
