//! One resource of a template.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value, json};

/// What CloudFormation does with a resource's physical resource when the
/// resource is removed from the stack (or replaced).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeletionPolicy {
    /// Keep it (data stores).
    Retain,
    /// Take a final snapshot (databases, clusters).
    Snapshot,
}

impl DeletionPolicy {
    fn as_str(self) -> &'static str {
        match self {
            Self::Retain => "Retain",
            Self::Snapshot => "Snapshot",
        }
    }
}

/// A resource: its type, properties, dependencies, condition and metadata.
#[derive(Clone, Debug, PartialEq)]
pub struct Resource {
    /// The resource type, e.g. `AWS::S3::Bucket`.
    pub kind: String,
    /// The properties (a JSON object).
    pub properties: Value,
    /// Logical ids this resource is created after.
    pub depends_on: BTreeSet<String>,
    /// The condition that must hold for the resource to exist.
    pub condition: Option<String>,
    /// Resource metadata: `aws:cdk:path`, `cdk_nag` suppressions, asset markers.
    pub metadata: BTreeMap<String, Value>,
    /// The deletion (and update-replace) policy, when not `Delete`.
    pub deletion_policy: Option<DeletionPolicy>,
}

impl Resource {
    /// A resource of type `kind` with `properties`.
    pub fn new(kind: &str, properties: Value) -> Self {
        Self {
            kind: kind.to_owned(),
            properties,
            depends_on: BTreeSet::new(),
            condition: None,
            metadata: BTreeMap::new(),
            deletion_policy: None,
        }
    }

    /// The `cdk_nag` rule suppressions of this resource, as `(id, reason)`.
    pub fn suppressions(&self) -> Vec<(String, String)> {
        self.metadata
            .get("cdk_nag")
            .and_then(|nag| nag.get("rules_to_suppress"))
            .and_then(Value::as_array)
            .map(|rules| {
                rules
                    .iter()
                    .filter_map(|rule| {
                        Some((
                            rule.get("id")?.as_str()?.to_owned(),
                            rule.get("reason")?.as_str()?.to_owned(),
                        ))
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Adds a `cdk_nag` suppression of rule `id`, with the reason it does not apply.
    pub fn suppress(&mut self, id: &str, reason: &str) {
        add_suppression(&mut self.metadata, id, reason);
    }

    /// The resource as its template JSON.
    pub fn to_value(&self) -> Value {
        let mut resource = Map::new();
        resource.insert("Type".into(), json!(self.kind));
        if self.properties.as_object().is_some_and(|p| !p.is_empty()) {
            resource.insert("Properties".into(), self.properties.clone());
        }
        if !self.depends_on.is_empty() {
            resource.insert("DependsOn".into(), json!(self.depends_on));
        }
        if let Some(condition) = &self.condition {
            resource.insert("Condition".into(), json!(condition));
        }
        if !self.metadata.is_empty() {
            resource.insert("Metadata".into(), json!(self.metadata));
        }
        if let Some(policy) = self.deletion_policy {
            resource.insert("DeletionPolicy".into(), json!(policy.as_str()));
            resource.insert("UpdateReplacePolicy".into(), json!(policy.as_str()));
        }
        Value::Object(resource)
    }
}

/// Adds the `cdk_nag` suppression of rule `id` with `reason` to a resource's
/// or a template's metadata (`cdk_nag.rules_to_suppress`).
pub fn add_suppression(metadata: &mut BTreeMap<String, Value>, id: &str, reason: &str) {
    let nag = metadata
        .entry("cdk_nag".to_owned())
        .or_insert_with(|| json!({ "rules_to_suppress": [] }));
    if let Some(rules) = nag
        .get_mut("rules_to_suppress")
        .and_then(Value::as_array_mut)
    {
        rules.push(json!({ "id": id, "reason": reason }));
    }
}
