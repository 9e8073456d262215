use super::*;
use crate::rules::testing::*;

const NOTEBOOK: &str = "AWS::SageMaker::NotebookInstance";

#[test]
fn sage_maker_rules() {
    expect(
        &sage_maker_endpoint_configuration_kms_key_configured::RULE,
        &[
            (
                one(
                    "AWS::SageMaker::EndpointConfig",
                    r#"{"KmsKeyId":"alias/k"}"#,
                ),
                Pass,
            ),
            (one("AWS::SageMaker::EndpointConfig", "{}"), Fail),
        ],
    );
    expect(
        &sage_maker_notebook_in_vpc::RULE,
        &[
            (one(NOTEBOOK, r#"{"SubnetId":"subnet-1"}"#), Pass),
            (one(NOTEBOOK, "{}"), Fail),
        ],
    );
    expect(
        &sage_maker_notebook_instance_kms_key_configured::RULE,
        &[
            (one(NOTEBOOK, r#"{"KmsKeyId":"alias/k"}"#), Pass),
            (one(NOTEBOOK, "{}"), Fail),
        ],
    );
    expect(
        &sage_maker_notebook_no_direct_internet_access::RULE,
        &[
            (
                one(NOTEBOOK, r#"{"DirectInternetAccess":"Disabled"}"#),
                Pass,
            ),
            (one(NOTEBOOK, r#"{"DirectInternetAccess":"Enabled"}"#), Fail),
            (one(NOTEBOOK, "{}"), Fail),
        ],
    );
}
