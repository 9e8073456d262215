//! Provisioned DynamoDB tables and their global secondary indexes scale reads and writes automatically.

use crate::rule::prelude::*;

/// Provisioned DynamoDB tables and their global secondary indexes scale reads and writes automatically.
pub static RULE: Rule = Rule {
    name: "DynamoDBAutoScalingEnabled",
    service: "dynamodb",
    info: "The provisioned-capacity DynamoDB table or one of its global secondary indexes has no read and write auto scaling.",
    explanation: "Fixed capacity either throttles under load or pays for unused throughput. Register scalable targets for ReadCapacityUnits and WriteCapacityUnits of the table and each index, or use on-demand billing.",
    resource_types: &["AWS::DynamoDB::Table"],
    check,
};

fn check(table: &Resource, template: &Template) -> Outcome {
    if is_str(referenced(table.prop("BillingMode")), "PAY_PER_REQUEST") {
        return Ok(Verdict::Compliant);
    }
    let mut names = vec![String::new()];
    if let Some(Value::Array(indexes)) = table.prop("GlobalSecondaryIndexes") {
        names.extend(
            indexes
                .iter()
                .map(|index| js_template(index.get("IndexName"))),
        );
    }
    let name = table.prop("TableName");
    let mut writes = names.clone();
    let mut reads = names;
    for target in template.resources_of_type("AWS::ApplicationAutoScaling::ScalableTarget") {
        if let Some(index) = matching(
            target,
            "WriteCapacityUnits",
            &table.logical_id,
            name,
            &writes,
        )? {
            writes.remove(index);
            continue;
        }
        if let Some(index) = matching(target, "ReadCapacityUnits", &table.logical_id, name, &reads)?
        {
            reads.remove(index);
        }
    }
    Ok(Verdict::from_pass(writes.is_empty() && reads.is_empty()))
}

/// The position in `names` of the table (`""`) or index the scalable target scales on `dimension`.
fn matching(
    target: &Resource,
    dimension: &str,
    table_id: &str,
    table_name: Slot,
    names: &[String],
) -> Result<Option<usize>, Unresolvable> {
    if !is_str(target.prop("ServiceNamespace"), "dynamodb") {
        return Ok(None);
    }
    let resource = target
        .prop("ResourceId")
        .map_or_else(|| "undefined".to_owned(), Value::to_json);
    let owners: Vec<String> = std::iter::once(table_id.to_owned())
        .chain(table_name.map(|name| name.to_js_string()))
        .collect();
    for (position, index) in names.iter().enumerate() {
        let (wanted, hit) = if index.is_empty() {
            let mut hit = false;
            for owner in &owners {
                hit = hit || contains_pattern(&resource, owner)?;
            }
            (format!("dynamodb:table:{dimension}"), hit)
        } else {
            let mut hit = false;
            for owner in &owners {
                hit = hit || mentions(&resource, &format!("{owner}.*index/{index}"), "-_.")?;
            }
            (format!("dynamodb:index:{dimension}"), hit)
        };
        if is_str(target.prop("ScalableDimension"), &wanted) && hit {
            return Ok(Some(position));
        }
    }
    Ok(None)
}

/// `new RegExp(pattern).test(haystack)`.
fn contains_pattern(haystack: &str, pattern: &str) -> Result<bool, Unresolvable> {
    regex::Regex::new(pattern)
        .map(|regex| regex.is_match(haystack))
        .map_err(|error| Unresolvable(error.to_string()))
}
