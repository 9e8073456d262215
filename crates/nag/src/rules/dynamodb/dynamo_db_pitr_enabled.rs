//! DynamoDB tables have point-in-time recovery on.

use crate::rule::prelude::*;

/// DynamoDB tables have point-in-time recovery on.
pub static RULE: Rule = Rule {
    name: "DynamoDBPITREnabled",
    service: "dynamodb",
    info: "The DynamoDB table does not have point-in-time recovery enabled.",
    explanation: "Point-in-time recovery restores the table to any second of the last 35 days after accidental writes or deletes. Set PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled to true.",
    resource_types: &["AWS::DynamoDB::Table"],
    check,
};

fn check(table: &Resource, _: &Template) -> Outcome {
    let specification = table.prop("PointInTimeRecoverySpecification");
    if is_nullish(specification) {
        return Ok(Verdict::NonCompliant);
    }
    let enabled = primitive(member(specification, "PointInTimeRecoveryEnabled")?)?;
    Ok(Verdict::from_pass(truthy_flag(enabled)))
}
