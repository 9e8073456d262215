//! DynamoDB tables are covered by an AWS Backup plan.

use crate::rule::prelude::*;

/// DynamoDB tables are covered by an AWS Backup plan.
pub static RULE: Rule = Rule {
    name: "DynamoDBInBackupPlan",
    service: "dynamodb",
    info: "The DynamoDB table is not part of an AWS Backup plan.",
    explanation: "A backup plan takes scheduled, retained and centrally managed backups of the table. Select the table in an AWS::Backup::BackupSelection.",
    resource_types: &["AWS::DynamoDB::Table"],
    check,
};

use crate::rules::backup::selected;

fn check(table: &Resource, template: &Template) -> Outcome {
    let name = table.prop("TableName");
    Ok(Verdict::from_pass(selected(template, |resource| {
        Ok(mentions(resource, &table.logical_id, "")?
            || (!is_nullish(name)
                && mentions(resource, &format!("table/{}", js_template(name)), "-_.")?))
    })?))
}
