//! Timestream databases use a customer managed KMS key.

use crate::rule::prelude::*;

/// Timestream databases are encrypted with a customer managed key.
pub static RULE: Rule = Rule {
    name: "TimestreamDatabaseCustomerManagedKey",
    service: "timestream",
    info: "The Timestream database is not encrypted with a customer managed KMS key.",
    explanation: "With a customer managed key you control who can read the stored time series and can audit key use. Set KmsKeyId on the database.",
    resource_types: &["AWS::Timestream::Database"],
    check,
};

fn check(database: &Resource, _: &Template) -> Outcome {
    Ok(Verdict::from_pass(database.prop("KmsKeyId").is_some()))
}
