//! Integration tests of lakeforge-aws: synthesis of the retail example and
//! the minimal template, checked by property, snapshot, cfn-lint and the
//! stock CDK CLI.

mod cdk_cli;
mod cfn_lint;
mod common;
mod firehose;
mod properties;
mod provisioning;
mod simulator_script;
mod snapshots;
mod variants;
mod vendoring;
