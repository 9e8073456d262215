//! The constructs of a spec as CloudFormation resources, one module per
//! construct, plus the shared pieces (secure bucket, least-privilege role,
//! KMS key, run-once function, CI/CD pipeline).

pub(crate) mod bucket;
pub mod cdc;
pub(crate) mod iam;
pub(crate) mod kms;
pub(crate) mod lambda;
pub(crate) mod nag;
pub(crate) mod network;
pub(crate) mod pipeline;
pub(crate) mod post_deploy;
pub(crate) mod project;
pub mod provisioning;
pub(crate) mod security_group;
pub mod simulator;
pub mod streaming;
pub(crate) mod streams;
pub(crate) mod use_cases;
