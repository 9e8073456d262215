//! The CloudFormation template model: resources, parameters, conditions,
//! rules, outputs and metadata, rendered deterministically.

pub mod intrinsics;
mod logical_id;
mod resource;

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

pub use logical_id::logical_id;
pub use resource::{DeletionPolicy, Resource, add_suppression};

/// The template format version every template declares.
pub const FORMAT_VERSION: &str = "2010-09-09";

/// A stack output, optionally exported for other stacks (`Fn::ImportValue`).
#[derive(Clone, Debug, PartialEq)]
pub struct Output {
    /// What the output holds.
    pub description: String,
    /// The value (a literal or an intrinsic function).
    pub value: Value,
    /// The export name, when other stacks import it.
    pub export_name: Option<String>,
}

/// A template parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct Parameter {
    /// The parameter type, e.g. `String` or `AWS::SSM::Parameter::Value<String>`.
    pub kind: String,
    /// What the parameter is for.
    pub description: String,
    /// The default value, if any.
    pub default: Option<String>,
}

/// A CloudFormation template. Every collection is ordered by key, so the same
/// template always renders to the same bytes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Template {
    /// The template description.
    pub description: Option<String>,
    /// Template-level metadata (e.g. `cdk_nag` rule suppressions for the whole stack).
    pub metadata: BTreeMap<String, Value>,
    /// Parameters by logical id.
    pub parameters: BTreeMap<String, Parameter>,
    /// Conditions by logical id.
    pub conditions: BTreeMap<String, Value>,
    /// Rules by logical id.
    pub rules: BTreeMap<String, Value>,
    /// Resources by logical id.
    pub resources: BTreeMap<String, Resource>,
    /// Outputs by logical id.
    pub outputs: BTreeMap<String, Output>,
}

impl Template {
    /// The template as a JSON value with every object's keys sorted.
    pub fn to_value(&self) -> Value {
        let mut root = Map::new();
        root.insert("AWSTemplateFormatVersion".into(), json!(FORMAT_VERSION));
        if let Some(description) = &self.description {
            root.insert("Description".into(), json!(description));
        }
        insert_map(&mut root, "Metadata", &self.metadata, Clone::clone);
        insert_map(&mut root, "Parameters", &self.parameters, |p| {
            let mut parameter = Map::new();
            parameter.insert("Type".into(), json!(p.kind));
            parameter.insert("Description".into(), json!(p.description));
            if let Some(default) = &p.default {
                parameter.insert("Default".into(), json!(default));
            }
            Value::Object(parameter)
        });
        insert_map(&mut root, "Conditions", &self.conditions, Clone::clone);
        insert_map(&mut root, "Rules", &self.rules, Clone::clone);
        insert_map(&mut root, "Resources", &self.resources, Resource::to_value);
        insert_map(&mut root, "Outputs", &self.outputs, |o| {
            let mut output = Map::new();
            output.insert("Description".into(), json!(o.description));
            output.insert("Value".into(), o.value.clone());
            if let Some(name) = &o.export_name {
                output.insert("Export".into(), json!({ "Name": name }));
            }
            Value::Object(output)
        });
        sorted(Value::Object(root))
    }

    /// The template as pretty-printed JSON with a final newline.
    pub fn to_json_string(&self) -> String {
        render_json(&self.to_value())
    }
}

fn insert_map<T>(
    root: &mut Map<String, Value>,
    key: &str,
    entries: &BTreeMap<String, T>,
    render: impl Fn(&T) -> Value,
) {
    if !entries.is_empty() {
        let object = entries
            .iter()
            .map(|(id, entry)| (id.clone(), render(entry)))
            .collect();
        root.insert(key.into(), Value::Object(object));
    }
}

/// `value` with the keys of every object sorted. The order does not depend on
/// whether some other crate of the build enables serde_json's `preserve_order`.
pub fn sorted(value: Value) -> Value {
    match value {
        Value::Object(object) => {
            let mut entries: Vec<(String, Value)> = object.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(entries.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
}

/// Pretty JSON (two-space indent) with a final newline: the on-disk form of
/// every JSON file of the cloud assembly.
pub fn render_json(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value)
        .unwrap_or_else(|e| unreachable!("a serde_json::Value always serializes: {e}"));
    text.push('\n');
    text
}
