//! Node configuration: dbt_project.yml's config trees, property files and `config()` calls,
//! merged as dbt merges them, with typed accessors for what lakeforge acts on.

use serde_json::{Map, Value};

/// Config keys written without `+` that are still configs when their value is a map.
const MAP_CONFIGS: &[&str] = &[
    "meta",
    "docs",
    "persist_docs",
    "column_types",
    "grants",
    "freshness",
    "quoting",
    "contract",
];

/// Keys whose values accumulate instead of being replaced.
const ACCUMULATING: &[&str] = &["tags", "pre-hook", "post-hook"];

/// A node's resolved config.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Config(pub Map<String, Value>);

/// `pre_hook` → `pre-hook` and other spellings dbt accepts.
pub fn normalize_key(key: &str) -> String {
    let key = key.trim_start_matches('+');
    match key {
        "pre_hook" => "pre-hook".to_string(),
        "post_hook" => "post-hook".to_string(),
        other => other.to_string(),
    }
}

/// Merges `update` into `base`: tags and hooks accumulate, `meta` merges, the rest replaces.
pub fn merge_into(base: &mut Map<String, Value>, update: &Map<String, Value>) {
    for (key, value) in update {
        let key = normalize_key(key);
        if ACCUMULATING.contains(&key.as_str()) {
            let mut items = as_list(base.get(&key));
            for item in as_list(Some(value)) {
                if !items.contains(&item) {
                    items.push(item);
                }
            }
            base.insert(key, Value::Array(items));
        } else if key == "meta" {
            let mut meta = base
                .get("meta")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default();
            if let Some(update) = value.as_object() {
                meta.extend(update.clone());
            }
            base.insert(key, Value::Object(meta));
        } else {
            base.insert(key, value.clone());
        }
    }
}

fn as_list(value: Option<&Value>) -> Vec<Value> {
    match value {
        Some(Value::Array(items)) => items.clone(),
        Some(Value::Null) | None => Vec::new(),
        Some(other) => vec![other.clone()],
    }
}

/// The configs a dbt_project.yml tree gives a node at `path` (package name, folders, file
/// stem): each level's configs apply, deeper levels win.
pub fn from_tree(tree: Option<&Value>, path: &[String]) -> Map<String, Value> {
    let mut out = Map::new();
    let mut level = tree;
    let mut depth = 0;
    while let Some(Value::Object(map)) = level {
        let next = path.get(depth);
        let mut configs = Map::new();
        for (key, value) in map {
            let is_config = key.starts_with('+')
                || !value.is_object()
                || MAP_CONFIGS.contains(&key.as_str()) && Some(key) != next;
            if is_config {
                configs.insert(key.clone(), value.clone());
            }
        }
        merge_into(&mut out, &configs);
        level = next
            .and_then(|segment| map.get(segment))
            .filter(|v| v.is_object());
        depth += 1;
    }
    out
}

impl Config {
    fn str(&self, key: &str) -> Option<&str> {
        self.0.get(key).and_then(Value::as_str)
    }

    /// `materialized` (default given by the resource type).
    pub fn materialized(&self) -> &str {
        self.str("materialized").unwrap_or("view")
    }

    /// `enabled` (default true).
    pub fn enabled(&self) -> bool {
        match self.0.get("enabled") {
            Some(Value::Bool(b)) => *b,
            Some(Value::String(s)) => !s.eq_ignore_ascii_case("false"),
            _ => true,
        }
    }

    /// `schema` (a custom schema).
    pub fn schema(&self) -> Option<&str> {
        self.str("schema")
    }

    /// `alias`.
    pub fn alias(&self) -> Option<&str> {
        self.str("alias")
    }

    /// `database`.
    pub fn database(&self) -> Option<&str> {
        self.str("database")
    }

    /// `tags`.
    pub fn tags(&self) -> Vec<String> {
        crate::yaml::strings(self.0.get("tags"))
    }

    /// `unique_key`: one column, a list, or a comma-free expression list.
    pub fn unique_key(&self) -> Vec<String> {
        crate::yaml::strings(self.0.get("unique_key"))
    }

    /// `incremental_strategy` (default `merge` with a unique key, else `append`).
    pub fn incremental_strategy(&self) -> String {
        match self.str("incremental_strategy") {
            Some(s) => s.to_string(),
            None if self.unique_key().is_empty() => "append".to_string(),
            None => "merge".to_string(),
        }
    }

    /// `on_schema_change` (default `ignore`).
    pub fn on_schema_change(&self) -> &str {
        self.str("on_schema_change").unwrap_or("ignore")
    }

    /// `full_refresh`: `Some(false)` keeps an incremental model incremental under `--full-refresh`.
    pub fn full_refresh(&self) -> Option<bool> {
        self.0.get("full_refresh").and_then(Value::as_bool)
    }

    /// `pre-hook` SQL statements.
    pub fn pre_hooks(&self) -> Vec<String> {
        hooks(self.0.get("pre-hook"))
    }

    /// `post-hook` SQL statements.
    pub fn post_hooks(&self) -> Vec<String> {
        hooks(self.0.get("post-hook"))
    }

    /// A test's `severity` (`error` or `warn`).
    pub fn severity(&self) -> String {
        self.str("severity").unwrap_or("error").to_ascii_lowercase()
    }

    /// A test's `warn_if` condition (default `!= 0`).
    pub fn warn_if(&self) -> &str {
        self.str("warn_if").unwrap_or("!= 0")
    }

    /// A test's `error_if` condition (default `!= 0`).
    pub fn error_if(&self) -> &str {
        self.str("error_if").unwrap_or("!= 0")
    }

    /// A test's `where` filter.
    pub fn where_clause(&self) -> Option<&str> {
        self.str("where")
    }

    /// A test's `limit`.
    pub fn limit(&self) -> Option<u64> {
        self.0.get("limit").and_then(Value::as_u64)
    }

    /// A test's `store_failures`.
    pub fn store_failures(&self) -> bool {
        self.0
            .get("store_failures")
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }
}

fn hooks(value: Option<&Value>) -> Vec<String> {
    as_list(value)
        .into_iter()
        .filter_map(|hook| match hook {
            Value::String(sql) => Some(sql),
            Value::Object(map) => map.get("sql").and_then(Value::as_str).map(str::to_string),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn tree_configs_apply_by_folder_and_deeper_levels_win() {
        let tree = json!({
            "shop": {
                "+materialized": "view",
                "tags": ["all"],
                "staging": {"+materialized": "table", "+tags": "stg"},
                "marts": {"+schema": "gold"}
            }
        });
        let path: Vec<String> = ["shop", "staging", "stg_orders"].map(String::from).to_vec();
        let config = from_tree(Some(&tree), &path);
        assert_eq!(config["materialized"], json!("table"));
        assert_eq!(config["tags"], json!(["all", "stg"]));
        assert!(!config.contains_key("schema"));
    }

    #[test]
    fn merge_accumulates_hooks_and_replaces_scalars() {
        let mut base = json!({"materialized": "view", "pre-hook": ["a"]})
            .as_object()
            .cloned()
            .unwrap();
        let update = json!({"materialized": "table", "pre_hook": "b"})
            .as_object()
            .cloned()
            .unwrap();
        merge_into(&mut base, &update);
        assert_eq!(Value::Object(base.clone())["pre-hook"], json!(["a", "b"]));
        assert_eq!(base["materialized"], json!("table"));
    }
}
