//! Property files (`models/*.yml`): descriptions, columns, configs and data tests of models,
//! seeds and snapshots, and the `sources:` they declare.

use std::path::Path;

use indexmap::IndexMap;
use serde_json::{Map, Value};

use crate::error::Result;
use crate::manifest::ColumnInfo;
use crate::yaml;

/// Properties of one model, seed or snapshot.
#[derive(Clone, Debug, Default)]
pub struct Patch {
    /// The property file, relative to the project.
    pub file: String,
    /// Description.
    pub description: String,
    /// `config:`.
    pub config: Map<String, Value>,
    /// Columns in order.
    pub columns: IndexMap<String, ColumnInfo>,
    /// Data tests: (column, test entry as written).
    pub tests: Vec<(Option<String>, Value)>,
}

/// A source table declared in YAML.
#[derive(Clone, Debug)]
pub struct SourceTable {
    /// The property file.
    pub file: String,
    /// The source's name.
    pub source_name: String,
    /// The source-level entry (schema, database, loaded_at_field, freshness, config).
    pub source: Map<String, Value>,
    /// The table-level entry.
    pub table: Map<String, Value>,
    /// The table's properties.
    pub patch: Patch,
}

/// Everything the property files of one project say.
#[derive(Clone, Debug, Default)]
pub struct Properties {
    /// Model patches by name.
    pub models: IndexMap<String, Patch>,
    /// Seed patches by name.
    pub seeds: IndexMap<String, Patch>,
    /// Snapshot patches by name.
    pub snapshots: IndexMap<String, Patch>,
    /// Source tables.
    pub sources: Vec<SourceTable>,
}

impl Properties {
    /// Reads a property file (`relative` is its path within the project) into `self`.
    pub fn add_file(&mut self, path: &Path, relative: &str) -> Result<()> {
        let doc = yaml::read(path)?;
        for (key, target) in [
            ("models", &mut self.models),
            ("seeds", &mut self.seeds),
            ("snapshots", &mut self.snapshots),
        ] {
            for entry in doc.get(key).and_then(Value::as_array).into_iter().flatten() {
                if let Some(name) = entry.get("name").and_then(Value::as_str) {
                    target.insert(name.to_string(), patch(entry, relative));
                }
            }
        }
        for source in doc
            .get("sources")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let Some(source_name) = source.get("name").and_then(Value::as_str) else {
                continue;
            };
            let source_map = source.as_object().cloned().unwrap_or_default();
            for table in source
                .get("tables")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if table.get("name").and_then(Value::as_str).is_none() {
                    continue;
                }
                self.sources.push(SourceTable {
                    file: relative.to_string(),
                    source_name: source_name.to_string(),
                    source: source_map.clone(),
                    table: table.as_object().cloned().unwrap_or_default(),
                    patch: patch(table, relative),
                });
            }
        }
        Ok(())
    }
}

fn patch(entry: &Value, file: &str) -> Patch {
    let mut out = Patch {
        file: file.to_string(),
        description: entry
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        config: entry
            .get("config")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default(),
        ..Patch::default()
    };
    for key in ["tests", "data_tests"] {
        for test in entry
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            out.tests.push((None, test.clone()));
        }
    }
    for column in entry
        .get("columns")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let Some(name) = column.get("name").and_then(Value::as_str) else {
            continue;
        };
        out.columns.insert(
            name.to_string(),
            ColumnInfo {
                name: name.to_string(),
                description: column
                    .get("description")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string(),
                data_type: column
                    .get("data_type")
                    .and_then(Value::as_str)
                    .map(str::to_string),
                meta: column
                    .get("meta")
                    .and_then(Value::as_object)
                    .cloned()
                    .unwrap_or_default(),
                tags: yaml::strings(column.get("tags")),
            },
        );
        for key in ["tests", "data_tests"] {
            for test in column
                .get(key)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                out.tests.push((Some(name.to_string()), test.clone()));
            }
        }
    }
    out
}
