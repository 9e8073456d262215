//! MediaStore container policies deny requests made without TLS.

use crate::rule::prelude::*;

/// MediaStore container policies deny requests made without TLS.
pub static RULE: Rule = Rule {
    name: "MediaStoreContainerSSLRequestsOnly",
    service: "mediastore",
    info: "The MediaStore container policy does not deny requests made without TLS.",
    explanation: "Without such a statement, media and credentials can travel in clear text. Add a policy statement that denies mediastore:* for every principal when aws:SecureTransport is false.",
    resource_types: &["AWS::MediaStore::Container"],
    check,
};

fn check(container: &Resource, _: &Template) -> Outcome {
    let policy = container.prop("Policy");
    if policy.is_none() {
        return Ok(Verdict::NonCompliant);
    }
    let source = policy.map(Value::to_js_string).unwrap_or_default();
    let parsed: Value = serde_json::from_str(&source)
        .map_err(|error| Unresolvable(format!("the container policy is not JSON: {error}")))?;
    for statement in items(parsed.get("Statement"))? {
        let secure = maybe(
            maybe(statement.get("Condition"), "Bool"),
            "aws:SecureTransport",
        );
        if is_str(statement.get("Effect"), "Deny")
            && all_actions(statement.get("Action"))?
            && everyone(statement.get("Principal"))?
            && (is_str(secure, "false") || secure == Some(&Value::Bool(false)))
        {
            return Ok(Verdict::Compliant);
        }
    }
    Ok(Verdict::NonCompliant)
}

fn all_actions(actions: Slot) -> Result<bool, Unresolvable> {
    let matching = |action: Slot| -> Result<bool, Unresolvable> {
        Ok(is_str(action, "*") || text(action)?.to_lowercase() == "mediastore:*")
    };
    if let Some(Value::Array(actions)) = actions {
        for action in actions {
            if matching(Some(action))? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    matching(actions)
}

fn everyone(principal: Slot) -> Result<bool, Unresolvable> {
    if is_str(principal, "*") {
        return Ok(true);
    }
    Ok(match member(principal, "AWS")? {
        Some(Value::Array(accounts)) => {
            accounts.iter().any(|account| account.as_str() == Some("*"))
        }
        other => is_str(other, "*"),
    })
}
