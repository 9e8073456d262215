//! dbt's node selection: names, `+m`, `m+`, `2+m`, `@m`, methods (`tag:`, `path:`,
//! `config.materialized:`, `source:`, `resource_type:`, `test_type:`, `package:`,
//! `state:modified`), unions (spaces), intersections (commas), `--exclude` and selectors.yml.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use crate::error::{Result, TransformError};
use crate::graph::Graph;
use crate::manifest::{Manifest, ResourceType};

/// A prior manifest for `state:` selection: checksums and configs by unique id.
pub type StateManifest = std::collections::HashMap<String, (String, Value)>;

/// What a selection is evaluated against.
pub struct Universe<'a> {
    /// The parsed project.
    pub manifest: &'a Manifest,
    /// Its graph.
    pub graph: &'a Graph,
    /// `--state`'s manifest, if given.
    pub state: Option<&'a StateManifest>,
}

impl Universe<'_> {
    /// Every id: nodes then sources.
    fn all(&self) -> BTreeSet<String> {
        self.manifest
            .nodes
            .keys()
            .chain(self.manifest.sources.keys())
            .cloned()
            .collect()
    }

    /// Evaluates `--select` (empty: everything) minus `--exclude`. Tests whose parents are
    /// any parent is selected are added (dbt's eager indirect selection).
    pub fn select(&self, select: &[String], exclude: &[String]) -> Result<BTreeSet<String>> {
        let mut selected = if select.is_empty() {
            self.all()
        } else {
            self.union(select)?
        };
        let excluded = self.union(exclude)?;
        for id in &excluded {
            selected.remove(id);
        }
        let tests: Vec<String> = self
            .manifest
            .nodes
            .values()
            .filter(|n| n.resource_type == ResourceType::Test && !selected.contains(&n.unique_id))
            .filter(|n| {
                let parents: Vec<&String> = n
                    .depends_on
                    .iter()
                    .filter(|p| {
                        self.manifest.nodes.contains_key(*p)
                            || self.manifest.sources.contains_key(*p)
                    })
                    .collect();
                parents.iter().any(|p| selected.contains(*p))
            })
            .map(|n| n.unique_id.clone())
            .filter(|id| !excluded.contains(id))
            .collect();
        selected.extend(tests);
        Ok(selected)
    }

    fn union(&self, specs: &[String]) -> Result<BTreeSet<String>> {
        let mut out = BTreeSet::new();
        for spec in specs.iter().flat_map(|s| s.split_whitespace()) {
            out.extend(self.intersection(spec)?);
        }
        Ok(out)
    }

    fn intersection(&self, spec: &str) -> Result<BTreeSet<String>> {
        let mut parts = spec.split(',');
        let first = parts.next().unwrap_or_default();
        let mut out = self.graph_operators(first)?;
        for part in parts {
            let next = self.graph_operators(part)?;
            out = out.intersection(&next).cloned().collect();
        }
        Ok(out)
    }

    /// `[@][N]+criterion+[N]`.
    fn graph_operators(&self, spec: &str) -> Result<BTreeSet<String>> {
        let (at, rest) = match spec.strip_prefix('@') {
            Some(rest) => (true, rest),
            None => (false, spec),
        };
        let (parents, rest) = leading_plus(rest);
        let (children, criterion) = trailing_plus(rest);
        let matched = self.criterion(criterion)?;
        let mut out = matched.clone();
        for id in &matched {
            if let Some(depth) = parents {
                out.extend(self.graph.ancestors(id, depth));
            }
            if let Some(depth) = children {
                out.extend(self.graph.descendants(id, depth));
            }
            if at {
                for child in self.graph.descendants(id, None) {
                    out.extend(self.graph.ancestors(&child, None));
                    out.insert(child);
                }
            }
        }
        Ok(out)
    }

    fn criterion(&self, criterion: &str) -> Result<BTreeSet<String>> {
        let (method, value) = match criterion.split_once(':') {
            Some((method, value)) => (method, value),
            None => ("", criterion),
        };
        let nodes = self.manifest.nodes.values();
        let ids: BTreeSet<String> = match method {
            "" => {
                let by_name: BTreeSet<String> = nodes
                    .clone()
                    .filter(|n| glob(value, &n.name) || fqn_matches(value, &n.fqn))
                    .map(|n| n.unique_id.clone())
                    .collect();
                if by_name.is_empty() && (value.contains('/') || value.ends_with(".sql")) {
                    self.by_path(value)
                } else {
                    by_name
                }
            }
            "fqn" => nodes
                .filter(|n| fqn_matches(value, &n.fqn))
                .map(|n| n.unique_id.clone())
                .collect(),
            "tag" => nodes
                .filter(|n| n.tags().iter().any(|t| glob(value, t)))
                .map(|n| n.unique_id.clone())
                .collect(),
            "path" | "file" => self.by_path(value),
            "package" => nodes
                .filter(|n| n.package_name == value)
                .map(|n| n.unique_id.clone())
                .collect(),
            "resource_type" => {
                let mut ids: BTreeSet<String> = nodes
                    .filter(|n| n.resource_type.as_str() == value)
                    .map(|n| n.unique_id.clone())
                    .collect();
                if value == "source" {
                    ids.extend(self.manifest.sources.keys().cloned());
                }
                ids
            }
            "test_type" => nodes
                .filter(|n| n.resource_type == ResourceType::Test)
                .filter(|n| match value {
                    "generic" | "schema" => n.is_generic_test(),
                    "singular" | "data" => !n.is_generic_test(),
                    _ => false,
                })
                .map(|n| n.unique_id.clone())
                .collect(),
            "test_name" => nodes
                .filter(|n| n.test.as_ref().is_some_and(|t| glob(value, &t.name)))
                .map(|n| n.unique_id.clone())
                .collect(),
            "source" => {
                let (source, table) = value.split_once('.').unwrap_or((value, "*"));
                self.manifest
                    .sources
                    .values()
                    .filter(|s| glob(source, &s.source_name) && glob(table, &s.name))
                    .map(|s| s.unique_id.clone())
                    .collect()
            }
            "state" => self.by_state(value)?,
            config if config.starts_with("config.") => {
                let key = &config["config.".len()..];
                nodes
                    .filter(|n| match n.config.0.get(key) {
                        Some(Value::String(s)) => glob(value, s),
                        Some(Value::Array(items)) => items
                            .iter()
                            .any(|i| i.as_str().is_some_and(|s| glob(value, s))),
                        Some(other) => *other == value,
                        None => false,
                    })
                    .map(|n| n.unique_id.clone())
                    .collect()
            }
            other => {
                return Err(TransformError::Config(format!(
                    "unknown selection method `{other}:`; use one of tag, path, fqn, package, config.<key>, source, resource_type, test_type, test_name, state"
                )));
            }
        };
        Ok(ids)
    }

    fn by_path(&self, value: &str) -> BTreeSet<String> {
        let wanted = Path::new(value.trim_end_matches('/'));
        self.manifest
            .nodes
            .values()
            .filter(|n| Path::new(&n.original_file_path).starts_with(wanted))
            .map(|n| n.unique_id.clone())
            .chain(
                self.manifest
                    .sources
                    .values()
                    .filter(|s| Path::new(&s.original_file_path).starts_with(wanted))
                    .map(|s| s.unique_id.clone()),
            )
            .collect()
    }

    fn by_state(&self, value: &str) -> Result<BTreeSet<String>> {
        let Some(state) = self.state else {
            return Err(TransformError::Config(
                "state: selection needs --state DIR (a folder holding a previous manifest.json)"
                    .to_string(),
            ));
        };
        Ok(self
            .manifest
            .nodes
            .values()
            .filter(|n| match (value, state.get(&n.unique_id)) {
                (_, None) => value == "new" || value.starts_with("modified"),
                ("new", Some(_)) => false,
                (_, Some((checksum, config))) => {
                    checksum != &n.checksum || config != &Value::Object(n.config.0.clone())
                }
            })
            .map(|n| n.unique_id.clone())
            .collect())
    }

    /// Ids of `--selector NAME` from selectors.yml.
    pub fn selector(&self, definitions: &Value, name: &str) -> Result<BTreeSet<String>> {
        let selectors = definitions
            .get("selectors")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let Some(found) = selectors
            .iter()
            .find(|s| s.get("name").and_then(Value::as_str) == Some(name))
        else {
            let known: Vec<&str> = selectors
                .iter()
                .filter_map(|s| s.get("name").and_then(Value::as_str))
                .collect();
            return Err(TransformError::Config(format!(
                "no selector `{name}` in selectors.yml; selectors: {}",
                known.join(", ")
            )));
        };
        self.definition(found.get("definition").unwrap_or(&Value::Null))
    }

    fn definition(&self, definition: &Value) -> Result<BTreeSet<String>> {
        match definition {
            Value::String(spec) => self.union(std::slice::from_ref(spec)),
            Value::Object(map) => {
                if let Some(items) = map.get("union").and_then(Value::as_array) {
                    return self.combine(items, false);
                }
                if let Some(items) = map.get("intersection").and_then(Value::as_array) {
                    return self.combine(items, true);
                }
                let method = map.get("method").and_then(Value::as_str).unwrap_or("fqn");
                let value = map
                    .get("value")
                    .map(|v| v.as_str().map(str::to_string).unwrap_or(v.to_string()))
                    .unwrap_or_default();
                let mut spec = if method == "fqn" {
                    value
                } else {
                    format!("{method}:{value}")
                };
                if map.get("parents").and_then(Value::as_bool) == Some(true) {
                    spec = format!("+{spec}");
                }
                if map.get("children").and_then(Value::as_bool) == Some(true) {
                    spec.push('+');
                }
                let mut ids = self.graph_operators(&spec)?;
                if let Some(exclude) = map.get("exclude").and_then(Value::as_array) {
                    for id in self.combine(exclude, false)? {
                        ids.remove(&id);
                    }
                }
                Ok(ids)
            }
            _ => Err(TransformError::Config(format!(
                "a selector definition must be a string or a map, not {definition}"
            ))),
        }
    }

    fn combine(&self, items: &[Value], intersect: bool) -> Result<BTreeSet<String>> {
        let mut out: Option<BTreeSet<String>> = None;
        let mut excluded = BTreeSet::new();
        for item in items {
            if let Some(exclude) = item.get("exclude").and_then(Value::as_array) {
                excluded.extend(self.combine(exclude, false)?);
                continue;
            }
            let ids = self.definition(item)?;
            out = Some(match out {
                None => ids,
                Some(acc) if intersect => acc.intersection(&ids).cloned().collect(),
                Some(mut acc) => {
                    acc.extend(ids);
                    acc
                }
            });
        }
        let mut out = out.unwrap_or_default();
        out.retain(|id| !excluded.contains(id));
        Ok(out)
    }
}

fn leading_plus(spec: &str) -> (Option<Option<usize>>, &str) {
    let digits = spec.chars().take_while(char::is_ascii_digit).count();
    let rest = &spec[digits..];
    match rest.strip_prefix('+') {
        Some(rest) => (Some(spec[..digits].parse().ok()), rest),
        None => (None, spec),
    }
}

fn trailing_plus(spec: &str) -> (Option<Option<usize>>, &str) {
    let digits = spec.chars().rev().take_while(char::is_ascii_digit).count();
    let body = &spec[..spec.len() - digits];
    match body.strip_suffix('+') {
        Some(rest) => (Some(spec[spec.len() - digits..].parse().ok()), rest),
        None => (None, spec),
    }
}

/// Shell-style `*` globbing.
fn glob(pattern: &str, text: &str) -> bool {
    if !pattern.contains('*') {
        return pattern == text;
    }
    let parts: Vec<&str> = pattern.split('*').collect();
    let mut rest = text;
    for (i, part) in parts.iter().enumerate() {
        if i == 0 {
            match rest.strip_prefix(part) {
                Some(r) => rest = r,
                None => return false,
            }
        } else if i == parts.len() - 1 {
            return rest.ends_with(part);
        } else {
            match rest.find(part) {
                Some(at) => rest = &rest[at + part.len()..],
                None => return false,
            }
        }
    }
    true
}

/// `staging` or `shop.staging.*` against a node's fqn.
fn fqn_matches(value: &str, fqn: &[String]) -> bool {
    let wanted: Vec<&str> = value.split('.').collect();
    let tail = &fqn[1.min(fqn.len())..];
    let matches_at = |parts: &[String]| {
        wanted.len() <= parts.len() && wanted.iter().zip(parts).all(|(w, p)| glob(w, p))
    };
    if wanted.len() > 1 || value.contains('*') {
        return matches_at(fqn) || matches_at(tail);
    }
    // A bare name that is a folder selects everything under it.
    tail.len() > 1 && tail[..tail.len() - 1].iter().any(|folder| folder == value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plus_operators_with_depths() {
        assert_eq!(leading_plus("2+orders"), (Some(Some(2)), "orders"));
        assert_eq!(leading_plus("+orders"), (Some(None), "orders"));
        assert_eq!(trailing_plus("orders+1"), (Some(Some(1)), "orders"));
        assert_eq!(trailing_plus("orders"), (None, "orders"));
    }

    #[test]
    fn globs() {
        assert!(glob("stg_*", "stg_orders"));
        assert!(glob("*orders", "stg_orders"));
        assert!(!glob("stg_*", "orders"));
        assert!(fqn_matches(
            "staging",
            &["shop".into(), "staging".into(), "stg_orders".into()]
        ));
        assert!(!fqn_matches("staging", &["shop".into(), "staging".into()]));
    }
}
