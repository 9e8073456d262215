use super::*;
use crate::rules::testing::*;

const TABLE: &str = "AWS::DynamoDB::Table";

#[test]
fn dax_encrypted() {
    const DAX: &str = "AWS::DAX::Cluster";
    expect(
        &dax_encrypted::RULE,
        &[
            (
                one(DAX, r#"{"SSESpecification":{"SSEEnabled":true}}"#),
                Pass,
            ),
            (
                one(DAX, r#"{"SSESpecification":{"SSEEnabled":false}}"#),
                Fail,
            ),
            (one(DAX, "{}"), Fail),
        ],
    );
}

#[test]
fn dynamo_db_auto_scaling_enabled() {
    let target = |id: &str, dimension: &str, resource: &str| {
        format!(
            r#","{id}":{{"Type":"AWS::ApplicationAutoScaling::ScalableTarget","Properties":{{"ServiceNamespace":"dynamodb","ScalableDimension":"dynamodb:{dimension}","ResourceId":{resource}}}}}"#
        )
    };
    let table = r#""T":{"Type":"AWS::DynamoDB::Table","Properties":{"TableName":"orders","GlobalSecondaryIndexes":[{"IndexName":"by-customer"}]}}"#;
    let all = format!(
        "{table}{}{}{}{}",
        target(
            "R",
            "table:ReadCapacityUnits",
            r#"{"Fn::Sub":"table/${T}"}"#
        ),
        target("W", "table:WriteCapacityUnits", r#""table/orders""#),
        target(
            "IR",
            "index:ReadCapacityUnits",
            r#""table/orders/index/by-customer""#
        ),
        target(
            "IW",
            "index:WriteCapacityUnits",
            r#""table/orders/index/by-customer""#
        ),
    );
    let no_index = format!(
        "{table}{}{}",
        target("R", "table:ReadCapacityUnits", r#""table/orders""#),
        target("W", "table:WriteCapacityUnits", r#""table/orders""#),
    );
    expect(
        &dynamo_db_auto_scaling_enabled::RULE,
        &[
            (many(&all), Pass),
            (many(&no_index), Fail),
            (one(TABLE, "{}"), Fail),
            (one(TABLE, r#"{"BillingMode":"PAY_PER_REQUEST"}"#), Pass),
        ],
    );
}

#[test]
fn dynamo_db_in_backup_plan() {
    let selection = |resource: &str| {
        many(&format!(
            r#""T":{{"Type":"AWS::DynamoDB::Table","Properties":{{"TableName":"orders"}}}},"S":{{"Type":"AWS::Backup::BackupSelection","Properties":{{"BackupPlanId":"p","BackupSelection":{{"SelectionName":"s","IamRoleArn":"r","Resources":[{resource}]}}}}}}"#
        ))
    };
    expect(
        &dynamo_db_in_backup_plan::RULE,
        &[
            (selection(r#"{"Fn::GetAtt":["T","Arn"]}"#), Pass),
            (
                selection(r#""arn:aws:dynamodb:eu-west-1:1:table/orders""#),
                Pass,
            ),
            (
                selection(r#""arn:aws:dynamodb:eu-west-1:1:table/orders-archive""#),
                Fail,
            ),
            (one(TABLE, "{}"), Fail),
        ],
    );
}

#[test]
fn dynamo_db_pitr_enabled() {
    expect(
        &dynamo_db_pitr_enabled::RULE,
        &[
            (
                one(
                    TABLE,
                    r#"{"PointInTimeRecoverySpecification":{"PointInTimeRecoveryEnabled":true}}"#,
                ),
                Pass,
            ),
            (
                one(
                    TABLE,
                    r#"{"PointInTimeRecoverySpecification":{"PointInTimeRecoveryEnabled":false}}"#,
                ),
                Fail,
            ),
            (one(TABLE, "{}"), Fail),
        ],
    );
}
