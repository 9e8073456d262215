//! Every rule, one file each, laid out by AWS service.

pub mod cloudwatch;
pub mod codebuild;
pub mod dms;
pub mod emr;
pub mod glue;
pub mod iam;
pub mod kinesis;
pub mod kms;
pub mod lambda;
pub(crate) mod policy;
pub mod redshift;
pub mod s3;
pub mod secretsmanager;
pub mod sns;
pub mod sqs;
pub mod stepfunctions;
#[cfg(test)]
mod testing;
pub mod timestream;
pub mod vpc;
pub mod waf;
