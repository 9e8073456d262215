//! The CDK cloud assembly: what `cdk deploy --app <dir>` reads.

mod manifest;
mod tree;

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use crate::assets::Asset;
use crate::error::SynthError;
use crate::stack::{BuiltStack, Note};
use crate::template::render_json;

/// The cloud assembly schema version written to `manifest.json`.
pub const SCHEMA_VERSION: &str = "36.0.0";

/// One synthesized stack.
#[derive(Clone, Debug)]
pub struct StackArtifact {
    name: String,
    template: Value,
    template_json: String,
    dependencies: Vec<String>,
    assets: Vec<Asset>,
    paths: BTreeMap<String, String>,
    notes: Vec<Note>,
}

impl StackArtifact {
    pub(crate) fn new(stack: BuiltStack) -> Self {
        let template = stack.template.to_value();
        let template_json = render_json(&template);
        Self {
            name: stack.name,
            template,
            template_json,
            dependencies: stack.dependencies.into_iter().collect(),
            assets: stack.assets,
            paths: stack.paths,
            notes: stack.notes,
        }
    }

    /// The stack name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The CloudFormation template.
    pub fn template(&self) -> &Value {
        &self.template
    }

    /// The template as written to `<stack>.template.json`.
    pub fn template_json(&self) -> &str {
        &self.template_json
    }

    /// The stacks this one imports from (deployed first).
    pub fn dependencies(&self) -> &[String] {
        &self.dependencies
    }

    /// The file assets published before deployment.
    pub fn assets(&self) -> &[Asset] {
        &self.assets
    }

    /// What synthesis says about the stack's constructs (written to the
    /// manifest as `aws:cdk:info` metadata): (construct path, message).
    pub fn notes(&self) -> impl Iterator<Item = (&str, &str)> {
        self.notes
            .iter()
            .map(|note| (note.path.as_str(), note.message.as_str()))
    }

    /// Number of resources in the template.
    pub fn resource_count(&self) -> usize {
        self.template
            .get("Resources")
            .and_then(Value::as_object)
            .map_or(0, serde_json::Map::len)
    }

    /// The template file name, `<stack>.template.json`.
    pub fn template_file(&self) -> String {
        format!("{}.template.json", self.name)
    }

    /// The asset manifest file name, `<stack>.assets.json`.
    pub fn assets_file(&self) -> String {
        format!("{}.assets.json", self.name)
    }
}

/// Template file formats for [`CloudAssembly::write_templates`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TemplateFormat {
    /// `<stack>.template.json`.
    #[default]
    Json,
    /// `<stack>.template.yaml`.
    Yaml,
}

/// A synthesized app: its stacks in deployment order, ready to be written as
/// a CDK cloud assembly.
#[derive(Clone, Debug)]
pub struct CloudAssembly {
    stacks: Vec<StackArtifact>,
    qualifier: String,
}

impl CloudAssembly {
    pub(crate) fn new(stacks: Vec<BuiltStack>, qualifier: &str) -> Self {
        Self {
            stacks: stacks.into_iter().map(StackArtifact::new).collect(),
            qualifier: qualifier.to_owned(),
        }
    }

    /// The stacks, in deployment order.
    pub fn stacks(&self) -> &[StackArtifact] {
        &self.stacks
    }

    /// The stack named `name`.
    pub fn stack(&self, name: &str) -> Option<&StackArtifact> {
        self.stacks.iter().find(|s| s.name == name)
    }

    /// Only the stacks named in `names` (the `--stack` filter). Dependencies
    /// on stacks left out are dropped from the manifest: those stacks must
    /// already be deployed.
    pub fn select(mut self, names: &[String]) -> Result<Self, SynthError> {
        if let Some(missing) = names.iter().find(|n| self.stack(n).is_none()) {
            return Err(SynthError::UnknownStack {
                name: missing.clone(),
                available: self
                    .stacks
                    .iter()
                    .map(|s| s.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        }
        self.stacks.retain(|s| names.contains(&s.name));
        Ok(self)
    }

    /// Writes the cloud assembly into `dir` (created if needed): manifest.json,
    /// tree.json, cdk.out, and per stack its template, asset manifest and asset files.
    pub fn write_to(&self, dir: &Path) -> Result<(), SynthError> {
        std::fs::create_dir_all(dir).map_err(|e| SynthError::io(dir, e))?;
        let write = |name: &str, bytes: &[u8]| {
            let path = dir.join(name);
            std::fs::write(&path, bytes).map_err(|e| SynthError::io(&path, e))
        };
        write(
            "cdk.out",
            render_json(&serde_json::json!({ "version": SCHEMA_VERSION })).as_bytes(),
        )?;
        write(
            "manifest.json",
            render_json(&manifest::manifest(self)).as_bytes(),
        )?;
        write(
            "tree.json",
            render_json(&tree::tree(&self.stacks)).as_bytes(),
        )?;
        for stack in &self.stacks {
            write(&stack.template_file(), stack.template_json.as_bytes())?;
            write(
                &stack.assets_file(),
                render_json(&manifest::asset_manifest(stack, &self.qualifier)).as_bytes(),
            )?;
            for asset in &stack.assets {
                write(&asset.file_name(), &asset.bytes)?;
            }
        }
        Ok(())
    }

    /// Writes only the templates into `dir`, as JSON or YAML, for review or
    /// for deploying without the CDK toolkit.
    pub fn write_templates(&self, dir: &Path, format: TemplateFormat) -> Result<(), SynthError> {
        std::fs::create_dir_all(dir).map_err(|e| SynthError::io(dir, e))?;
        for stack in &self.stacks {
            let (name, text) = match format {
                TemplateFormat::Json => (stack.template_file(), stack.template_json.clone()),
                TemplateFormat::Yaml => (
                    format!("{}.template.yaml", stack.name),
                    serde_norway::to_string(&stack.template)
                        .map_err(|e| SynthError::Yaml(e.to_string()))?,
                ),
            };
            let path = dir.join(name);
            std::fs::write(&path, text).map_err(|e| SynthError::io(&path, e))?;
        }
        Ok(())
    }
}
