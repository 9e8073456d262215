use super::*;
use crate::rules::testing::*;

const MACHINE: &str = "AWS::StepFunctions::StateMachine";

#[test]
fn step_functions() {
    expect(
        &step_function_state_machine_all_logs_to_cloud_watch::RULE,
        &[
            (
                one(MACHINE, r#"{"LoggingConfiguration":{"Level":"ALL"}}"#),
                Pass,
            ),
            (
                one(MACHINE, r#"{"LoggingConfiguration":{"Level":"ERROR"}}"#),
                Fail,
            ),
            (one(MACHINE, "{}"), Fail),
        ],
    );
    expect(
        &step_function_state_machine_xray::RULE,
        &[
            (
                one(MACHINE, r#"{"TracingConfiguration":{"Enabled":true}}"#),
                Pass,
            ),
            (one(MACHINE, "{}"), Fail),
        ],
    );
}
