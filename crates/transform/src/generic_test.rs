//! Generic data tests declared in property files, turned into test nodes as dbt names them.

use serde_json::{Map, Value};

/// Keys of a test entry that are configs rather than arguments.
const CONFIG_KEYS: &[&str] = &[
    "severity",
    "where",
    "limit",
    "tags",
    "enabled",
    "warn_if",
    "error_if",
    "store_failures",
    "meta",
    "alias",
    "schema",
    "database",
    "fail_calc",
    "store_failures_as",
];

/// A generic test entry, taken apart.
#[derive(Clone, Debug, PartialEq)]
pub struct TestEntry {
    /// The test's name (`unique`, `expression_is_true`).
    pub name: String,
    /// Its package namespace, when written as `package.name`.
    pub namespace: Option<String>,
    /// Its arguments.
    pub kwargs: Map<String, Value>,
    /// Configs given with it.
    pub config: Map<String, Value>,
    /// A node name given with `name:`.
    pub given_name: Option<String>,
}

/// Reads a test entry: `unique`, `{accepted_values: {values: […]}}` or
/// `{name: …, test_name: …, …}`.
pub fn entry(value: &Value) -> Option<TestEntry> {
    let (full_name, body, given_name) = match value {
        Value::String(name) => (name.clone(), Map::new(), None),
        Value::Object(map) if map.contains_key("test_name") => {
            let name = map.get("test_name")?.as_str()?.to_string();
            let given = map.get("name").and_then(Value::as_str).map(str::to_string);
            let mut body = map.clone();
            body.remove("test_name");
            body.remove("name");
            (name, body, given)
        }
        Value::Object(map) if map.len() == 1 => {
            let (name, body) = map.iter().next()?;
            let mut body = body.as_object().cloned().unwrap_or_default();
            let given = body
                .remove("name")
                .and_then(|v| v.as_str().map(str::to_string));
            (name.clone(), body, given)
        }
        _ => return None,
    };
    let (namespace, name) = match full_name.split_once('.') {
        Some((ns, name)) => (Some(ns.to_string()), name.to_string()),
        None => (None, full_name),
    };
    let mut kwargs = Map::new();
    let mut config = Map::new();
    for (key, value) in body {
        if key == "config" {
            if let Value::Object(c) = value {
                config.extend(c);
            }
        } else if key == "arguments" {
            if let Value::Object(a) = value {
                kwargs.extend(a);
            }
        } else if CONFIG_KEYS.contains(&key.as_str()) {
            config.insert(key, value);
        } else {
            kwargs.insert(key, value);
        }
    }
    Some(TestEntry {
        name,
        namespace,
        kwargs,
        config,
        given_name,
    })
}

/// dbt's name for a generic test node: the test, the model, then every argument (the
/// column included) in key order, each made identifier-safe and joined with `__`.
pub fn node_name(entry: &TestEntry, model: &str, column: Option<&str>) -> String {
    if let Some(given) = &entry.given_name {
        return given.clone();
    }
    let prefix = match &entry.namespace {
        Some(ns) => format!("{ns}_{}", entry.name),
        None => entry.name.clone(),
    };
    let mut args: Vec<(&str, Value)> = entry
        .kwargs
        .iter()
        .map(|(k, v)| (k.as_str(), v.clone()))
        .collect();
    if let Some(column) = column {
        args.push(("column_name", Value::String(column.to_string())));
    }
    args.sort_by(|a, b| a.0.cmp(b.0));
    let mut parts: Vec<String> = Vec::new();
    for (_, value) in args {
        match value {
            Value::Array(items) => parts.extend(items.iter().map(flat)),
            Value::Object(map) => parts.extend(map.values().map(flat)),
            other => parts.push(flat(&other)),
        }
    }
    if parts.is_empty() {
        format!("{prefix}_{model}")
    } else {
        format!("{prefix}_{model}_{}", parts.join("__"))
    }
}

/// A name short enough for a file or table: names of 64 characters or more become their
/// first 30 characters and the MD5 of the whole, as dbt shortens test file names.
pub fn short_name(name: &str) -> String {
    if name.len() < 64 {
        return name.to_string();
    }
    let keep: String = name.chars().take(30).collect();
    format!("{keep}_{:x}", md5::compute(name.as_bytes()))
}

fn flat(value: &Value) -> String {
    match value {
        Value::String(s) => clean(s),
        other => clean(&other.to_string()),
    }
}

/// Runs of characters other than letters, digits and `_` become one `_`.
fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_run = false;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
            in_run = false;
        } else if !in_run {
            out.push('_');
            in_run = true;
        }
    }
    out
}

/// Lowercase hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn entries_split_arguments_from_configs() {
        let e =
            entry(&json!({"accepted_values": {"values": ["a", "b"], "severity": "warn"}})).unwrap();
        assert_eq!(e.name, "accepted_values");
        assert_eq!(e.kwargs["values"], json!(["a", "b"]));
        assert_eq!(e.config["severity"], json!("warn"));
        let e = entry(&json!("dbt_utils.expression_is_true")).unwrap();
        assert_eq!(e.namespace.as_deref(), Some("dbt_utils"));
    }

    #[test]
    fn names_follow_dbt() {
        let e = entry(&json!("unique")).unwrap();
        assert_eq!(node_name(&e, "orders", Some("id")), "unique_orders_id");
        let e = entry(&json!({"accepted_values": {"values": ["placed", "shipped"]}})).unwrap();
        assert_eq!(
            node_name(&e, "orders", Some("status")),
            "accepted_values_orders_status__placed__shipped"
        );
        let e =
            entry(&json!({"relationships": {"to": "ref('customers')", "field": "id"}})).unwrap();
        assert_eq!(
            node_name(&e, "orders", Some("customer_id")),
            "relationships_orders_customer_id__id__ref_customers_"
        );
        let e = entry(&json!({"accepted_values": {"values": ["US", "DE"]}})).unwrap();
        assert_eq!(
            node_name(&e, "source_raw_orders", Some("country")),
            "accepted_values_source_raw_orders_country__US__DE"
        );
    }
}
