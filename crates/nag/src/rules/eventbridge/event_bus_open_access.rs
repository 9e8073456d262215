//! EventBridge event bus policies do not let every account put events without a condition.

use crate::rule::prelude::*;

/// EventBridge event bus policies do not let every account put events without a condition.
pub static RULE: Rule = Rule {
    name: "EventBusOpenAccess",
    service: "eventbridge",
    info: "The EventBridge event bus policy allows any principal to send events.",
    explanation: "An open event bus accepts events from any AWS account, which can trigger your rules with forged data. Name the accounts allowed, or restrict '*' with a condition such as the organisation id.",
    resource_types: &["AWS::Events::EventBusPolicy"],
    check,
};

fn check(policy: &Resource, _: &Template) -> Outcome {
    if is_str(policy.prop("Principal"), "*") {
        let condition = policy.prop("Condition");
        if condition.is_none() {
            return Ok(Verdict::NonCompliant);
        }
        for key in ["Key", "Type", "Value"] {
            if member(condition, key)?.is_none() {
                return Ok(Verdict::NonCompliant);
            }
        }
    }
    let statement = policy.prop("Statement");
    if statement.is_some() {
        let condition = maybe(statement, "Condition");
        if is_str(maybe(statement, "Effect"), "Allow")
            && everyone(maybe(statement, "Principal"))?
            && (condition.is_none() || condition.map(Value::to_json).as_deref() == Some("{}"))
        {
            return Ok(Verdict::NonCompliant);
        }
    }
    Ok(Verdict::Compliant)
}

/// Whether the statement's principal is `*` or lists `*` as an AWS principal.
fn everyone(principal: Slot) -> Result<bool, Unresolvable> {
    if is_str(principal, "*") {
        return Ok(true);
    }
    let aws = member(principal, "AWS")?;
    Ok(match aws {
        Some(Value::Array(accounts)) => {
            accounts.iter().any(|account| account.as_str() == Some("*"))
        }
        other => is_str(other, "*"),
    })
}
