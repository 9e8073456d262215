//! A stack under construction: resources at construct paths, exports,
//! imports from other stacks, and assets.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::assets::Asset;
use crate::template::{Output, Parameter, Resource, Template, intrinsics, logical_id};

/// A resource added to a stack: its logical id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Handle {
    id: String,
}

impl Handle {
    /// `{"Ref": id}`.
    pub(crate) fn ref_(&self) -> Value {
        intrinsics::ref_(&self.id)
    }

    /// `{"Fn::GetAtt": [id, "Arn"]}`.
    pub(crate) fn arn(&self) -> Value {
        self.att("Arn")
    }

    /// `{"Fn::GetAtt": [id, attribute]}`.
    pub(crate) fn att(&self, attribute: &str) -> Value {
        intrinsics::get_att(&self.id, attribute)
    }
}

/// A value one stack exports for others: importing it makes the importing
/// stack depend on the exporting one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Export {
    stack: String,
    name: String,
}

/// Where an asset lands once published: the bootstrap bucket and object key.
#[derive(Clone)]
pub(crate) struct AssetLocation {
    /// The bucket name (`Fn::Sub` of the bootstrap assets bucket).
    pub(crate) bucket: Value,
    /// The object key.
    pub(crate) key: String,
    /// The asset's file in the cloud assembly.
    file_name: String,
}

impl AssetLocation {
    /// `s3://bucket/key` as a `Fn::Join` value.
    pub(crate) fn s3_url(&self) -> Value {
        intrinsics::join(
            "",
            vec![
                Value::from("s3://"),
                self.bucket.clone(),
                Value::from(format!("/{}", self.key)),
            ],
        )
    }
}

/// A note shown by the CDK toolkit for one construct path (`aws:cdk:info`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Note {
    pub(crate) path: String,
    pub(crate) message: String,
}

/// One stack being built.
pub(crate) struct StackBuilder {
    name: String,
    qualifier: String,
    boundary: Option<String>,
    template: Template,
    paths: BTreeMap<String, String>,
    dependencies: BTreeSet<String>,
    assets: Vec<Asset>,
    notes: Vec<Note>,
}

/// A finished stack.
pub(crate) struct BuiltStack {
    pub(crate) name: String,
    pub(crate) template: Template,
    /// Logical id → construct path (relative to the stack).
    pub(crate) paths: BTreeMap<String, String>,
    pub(crate) dependencies: BTreeSet<String>,
    pub(crate) assets: Vec<Asset>,
    pub(crate) notes: Vec<Note>,
}

impl StackBuilder {
    /// An empty stack named `name`, using the bootstrap `qualifier`; every
    /// IAM role gets `boundary` (a managed policy name) as permissions boundary.
    pub(crate) fn new(
        name: String,
        description: String,
        qualifier: &str,
        boundary: Option<&str>,
    ) -> Self {
        let mut template = Template {
            description: Some(description),
            ..Template::default()
        };
        add_bootstrap_check(&mut template, qualifier);
        Self {
            name,
            qualifier: qualifier.to_owned(),
            boundary: boundary.map(str::to_owned),
            template,
            paths: BTreeMap::new(),
            dependencies: BTreeSet::new(),
            assets: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// The stack name.
    pub(crate) fn name(&self) -> &str {
        &self.name
    }

    /// The permissions boundary policy name, when the spec names one.
    pub(crate) fn boundary(&self) -> Option<&str> {
        self.boundary.as_deref()
    }

    /// Adds a resource of `kind` at construct `path` (`A/B/C`, relative to the stack).
    pub(crate) fn add(&mut self, path: &str, kind: &str, properties: Value) -> Handle {
        let parts: Vec<&str> = path.split('/').collect();
        let id = logical_id(&parts);
        let mut resource = Resource::new(kind, properties);
        resource.metadata.insert(
            "aws:cdk:path".to_owned(),
            Value::from(format!("{}/{path}", self.name)),
        );
        let previous = self.template.resources.insert(id.clone(), resource);
        debug_assert!(previous.is_none(), "two resources at path {path}");
        self.paths.insert(id.clone(), path.to_owned());
        Handle { id }
    }

    /// The resource behind `handle`, to add dependencies, metadata or policies.
    pub(crate) fn resource_mut(&mut self, handle: &Handle) -> &mut Resource {
        self.template
            .resources
            .get_mut(&handle.id)
            .unwrap_or_else(|| unreachable!("handles come from this stack: {}", handle.id))
    }

    /// Suppresses cdk-nag rule `id` on `handle`'s resource, with the reason.
    pub(crate) fn suppress(&mut self, handle: &Handle, id: &str, reason: &str) {
        self.resource_mut(handle).suppress(id, reason);
    }

    /// Suppresses `id` for the whole stack (template `Metadata.cdk_nag.rules_to_suppress`),
    /// limited to the granular findings `applies_to` when it is not empty.
    pub(crate) fn suppress_stack(&mut self, id: &str, reason: &str, applies_to: &[String]) {
        let mut entry = serde_json::json!({ "id": id, "reason": reason });
        if !applies_to.is_empty() {
            entry["applies_to"] = serde_json::json!(applies_to);
        }
        let nag = self
            .template
            .metadata
            .entry("cdk_nag".to_owned())
            .or_insert_with(|| serde_json::json!({ "rules_to_suppress": [] }));
        if let Some(rules) = nag["rules_to_suppress"].as_array_mut() {
            rules.push(entry);
        }
    }

    /// Makes `handle`'s resource wait for `after`.
    pub(crate) fn depends_on(&mut self, handle: &Handle, after: &Handle) {
        self.resource_mut(handle)
            .depends_on
            .insert(after.id.clone());
    }

    /// Adds a plain output.
    pub(crate) fn output(&mut self, id: &str, description: &str, value: Value) {
        self.template.outputs.insert(
            id.to_owned(),
            Output {
                description: description.to_owned(),
                value,
                export_name: None,
            },
        );
    }

    /// Exports `value` as `<stack>:<key>` for other stacks.
    pub(crate) fn export(&mut self, key: &str, description: &str, value: Value) -> Export {
        let name = format!("{}:{key}", self.name);
        let output_id: String = format!("Export{key}")
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        self.template.outputs.insert(
            output_id,
            Output {
                description: description.to_owned(),
                value,
                export_name: Some(name.clone()),
            },
        );
        Export {
            stack: self.name.clone(),
            name,
        }
    }

    /// Imports another stack's export (`Fn::ImportValue`), recording the dependency.
    pub(crate) fn import(&mut self, export: &Export) -> Value {
        if export.stack != self.name {
            self.dependencies.insert(export.stack.clone());
        }
        intrinsics::import_value(&export.name)
    }

    /// Records that this stack deploys after stack `name`.
    pub(crate) fn depend_on_stack(&mut self, name: &str) {
        self.dependencies.insert(name.to_owned());
    }

    /// Adds a template parameter.
    pub(crate) fn parameter(&mut self, id: &str, parameter: Parameter) -> Value {
        self.template.parameters.insert(id.to_owned(), parameter);
        intrinsics::ref_(id)
    }

    /// Adds an asset published before deployment and tells where it lands.
    pub(crate) fn asset(&mut self, asset: Asset) -> AssetLocation {
        let location = AssetLocation {
            bucket: intrinsics::sub(&format!(
                "cdk-{}-assets-${{AWS::AccountId}}-${{AWS::Region}}",
                self.qualifier
            )),
            key: asset.object_key(),
            file_name: asset.file_name(),
        };
        if !self.assets.iter().any(|a| a.hash == asset.hash) {
            self.assets.push(asset);
        }
        location
    }

    /// Marks `handle`'s `property` as coming from the asset at `location`, as the CDK does.
    pub(crate) fn mark_asset(&mut self, handle: &Handle, location: &AssetLocation, property: &str) {
        let metadata = &mut self.resource_mut(handle).metadata;
        metadata.insert(
            "aws:asset:path".to_owned(),
            Value::from(location.file_name.clone()),
        );
        metadata.insert("aws:asset:property".to_owned(), Value::from(property));
    }

    /// Adds a note for the construct at `path`, shown by the CDK toolkit.
    pub(crate) fn note(&mut self, path: &str, message: String) {
        self.notes.push(Note {
            path: format!("{}/{path}", self.name),
            message,
        });
    }

    /// The finished stack.
    pub(crate) fn build(self) -> BuiltStack {
        BuiltStack {
            name: self.name,
            template: self.template,
            paths: self.paths,
            dependencies: self.dependencies,
            assets: self.assets,
            notes: self.notes,
        }
    }
}

/// The CDK bootstrap version check every stack deployed by the CDK toolkit
/// carries: a parameter read from SSM and a rule requiring version 6 or later.
fn add_bootstrap_check(template: &mut Template, qualifier: &str) {
    template.parameters.insert(
        "BootstrapVersion".to_owned(),
        Parameter {
            kind: "AWS::SSM::Parameter::Value<String>".to_owned(),
            description: "Version of the CDK bootstrap resources in this environment, read from SSM. [cdk:skip]".to_owned(),
            default: Some(format!("/cdk-bootstrap/{qualifier}/version")),
        },
    );
    template.rules.insert(
        "CheckBootstrapVersion".to_owned(),
        serde_json::json!({
            "Assertions": [{
                "Assert": intrinsics::not(serde_json::json!({
                    "Fn::Contains": [["1", "2", "3", "4", "5"], intrinsics::ref_("BootstrapVersion")]
                })),
                "AssertDescription": "CDK bootstrap stack version 6 required: run `cdk bootstrap` with a recent CDK CLI."
            }]
        }),
    );
}
