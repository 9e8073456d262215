//! YAML files read as JSON values, with positioned errors.

use std::path::Path;

use serde_json::Value;

use crate::error::{Result, TransformError};

/// Reads a YAML file into a JSON value; an empty file is `null`.
pub(crate) fn read(path: &Path) -> Result<Value> {
    let text = std::fs::read_to_string(path).map_err(|e| TransformError::File {
        path: path.to_path_buf(),
        reason: format!("cannot read: {e}"),
    })?;
    parse(path, &text)
}

/// Parses YAML text (from `path`, for messages) into a JSON value.
pub(crate) fn parse(path: &Path, text: &str) -> Result<Value> {
    if text.trim().is_empty() {
        return Ok(Value::Null);
    }
    serde_norway::from_str::<Value>(text).map_err(|e| {
        let (line, column) = e
            .location()
            .map(|l| (l.line(), l.column()))
            .unwrap_or((1, 1));
        TransformError::Yaml {
            path: path.to_path_buf(),
            line,
            column,
            reason: format!("{e}; fix the YAML (indentation with spaces, `key: value` pairs)"),
        }
    })
}

/// A list of strings from a value that may be one string or a list of them.
pub(crate) fn strings(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}
