//! Snapshots of every stack's template (insta): a change to any template is
//! a reviewed change.

use crate::common::{minimal, retail};

#[test]
fn retail_templates() {
    for stack in retail().stacks() {
        insta::assert_snapshot!(format!("retail__{}", stack.name()), stack.template_json());
    }
}

#[test]
fn minimal_templates() {
    for stack in minimal().stacks() {
        insta::assert_snapshot!(format!("minimal__{}", stack.name()), stack.template_json());
    }
}
