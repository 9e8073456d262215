//! Reading IAM policy documents inside resources (bucket, queue and topic
//! policies) the way cdk-nag's rules read them.

use crate::access::{Slot, as_list, is_str, items, maybe, member, referenced, text};
use crate::rule::Unresolvable;
use crate::value::Value;

/// `policyDocument.Statement`, which must be a list.
pub fn statements(document: Slot<'_>) -> Result<&[Value], Unresolvable> {
    items(member(document, "Statement")?)
}

/// A `Deny` of one of `actions` (lower case) to every principal when `aws:SecureTransport` is false.
pub fn denies_insecure_transport(
    statement: &Value,
    actions: &[&str],
) -> Result<bool, Unresolvable> {
    let secure_transport = maybe(
        maybe(maybe(Some(statement), "Condition"), "Bool"),
        "aws:SecureTransport",
    );
    Ok(is_str(statement.get("Effect"), "Deny")
        && names_action(statement.get("Action"), actions)?
        && covers_all_principals(statement.get("Principal"))?
        && (is_str(secure_transport, "false") || secure_transport == Some(&Value::Bool(false))))
}

/// Whether the statement's actions include one of `wanted` (compared in lower case).
pub fn names_action(actions: Slot, wanted: &[&str]) -> Result<bool, Unresolvable> {
    for action in as_list(actions) {
        if wanted.contains(&text(Some(action))?.to_lowercase().as_str()) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Whether a policy resource's target list (`Queues`, `Topics`) names the resource `id` or ends with `name`.
pub fn targets(list: Slot, id: &str, name: Slot) -> Result<bool, Unresolvable> {
    for target in items(list)? {
        let resolved = referenced(Some(target));
        if is_str(resolved, id) {
            return Ok(true);
        }
        if let Some(name) = name
            && text(resolved)?.ends_with(&name.to_js_string())
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Whether the principal is `*` or `{"AWS": "*"}` (or a list holding `*`).
pub fn covers_all_principals(principal: Slot) -> Result<bool, Unresolvable> {
    if is_str(principal, "*") {
        return Ok(true);
    }
    let aws = member(principal, "AWS")?;
    Ok(as_list(aws)
        .into_iter()
        .any(|account| is_str(Some(account), "*")))
}
