//! `manifest.json` and the per-stack asset manifests (`<stack>.assets.json`).

use serde_json::{Map, Value, json};

use super::{CloudAssembly, SCHEMA_VERSION, StackArtifact};
use crate::assets::hex_sha256;

/// The bootstrap stack version the stacks and assets need.
const BOOTSTRAP_VERSION: u32 = 6;

/// `arn:${AWS::Partition}:iam::${AWS::AccountId}:role/cdk-<qualifier>-<role>-role-…`.
fn bootstrap_role(qualifier: &str, role: &str) -> String {
    format!(
        "arn:${{AWS::Partition}}:iam::${{AWS::AccountId}}:role/cdk-{qualifier}-{role}-role-${{AWS::AccountId}}-${{AWS::Region}}"
    )
}

fn version_parameter(qualifier: &str) -> String {
    format!("/cdk-bootstrap/{qualifier}/version")
}

/// The asset manifest of `stack`: its template and its file assets, all
/// published to the bootstrap bucket.
pub(super) fn asset_manifest(stack: &StackArtifact, qualifier: &str) -> Value {
    let destination = |key: String| {
        json!({
            "current_account-current_region": {
                "bucketName": format!("cdk-{qualifier}-assets-${{AWS::AccountId}}-${{AWS::Region}}"),
                "objectKey": key,
                "assumeRoleArn": bootstrap_role(qualifier, "file-publishing"),
            }
        })
    };
    let mut files = Map::new();
    let template_hash = hex_sha256(stack.template_json.as_bytes());
    files.insert(
        template_hash.clone(),
        json!({
            "displayName": format!("{} Template", stack.name),
            "source": { "path": stack.template_file(), "packaging": "file" },
            "destinations": destination(format!("{template_hash}.json")),
        }),
    );
    for asset in &stack.assets {
        files.insert(
            asset.hash.clone(),
            json!({
                "displayName": asset.display_name,
                "source": { "path": asset.file_name(), "packaging": "file" },
                "destinations": destination(asset.object_key()),
            }),
        );
    }
    json!({ "version": SCHEMA_VERSION, "files": files, "dockerImages": {} })
}

/// The manifest: per stack an asset-manifest artifact and a stack artifact,
/// plus the construct tree.
pub(super) fn manifest(assembly: &CloudAssembly) -> Value {
    let qualifier = &assembly.qualifier;
    let names: Vec<&str> = assembly.stacks.iter().map(|s| s.name.as_str()).collect();
    let mut artifacts = Map::new();
    for stack in &assembly.stacks {
        let assets_id = format!("{}.assets", stack.name);
        artifacts.insert(
            assets_id.clone(),
            json!({
                "type": "cdk:asset-manifest",
                "properties": {
                    "file": stack.assets_file(),
                    "requiresBootstrapStackVersion": BOOTSTRAP_VERSION,
                    "bootstrapStackVersionSsmParameter": version_parameter(qualifier),
                },
            }),
        );
        let mut dependencies: Vec<String> = stack
            .dependencies
            .iter()
            .filter(|d| names.contains(&d.as_str()))
            .cloned()
            .collect();
        dependencies.push(assets_id.clone());
        let mut metadata = Map::new();
        for (id, path) in &stack.paths {
            metadata.insert(
                format!("/{}/{path}", stack.name),
                json!([{ "type": "aws:cdk:logicalId", "data": id }]),
            );
        }
        for note in &stack.notes {
            let entries = metadata
                .entry(format!("/{}", note.path))
                .or_insert_with(|| json!([]));
            if let Some(entries) = entries.as_array_mut() {
                entries.push(json!({ "type": "aws:cdk:info", "data": note.message }));
            }
        }
        let template_hash = hex_sha256(stack.template_json.as_bytes());
        artifacts.insert(
            stack.name.clone(),
            json!({
                "type": "aws:cloudformation:stack",
                "environment": "aws://unknown-account/unknown-region",
                "properties": {
                    "templateFile": stack.template_file(),
                    "terminationProtection": false,
                    "validateOnSynth": false,
                    "assumeRoleArn": bootstrap_role(qualifier, "deploy"),
                    "cloudFormationExecutionRoleArn": bootstrap_role(qualifier, "cfn-exec"),
                    "stackTemplateAssetObjectUrl": format!(
                        "s3://cdk-{qualifier}-assets-${{AWS::AccountId}}-${{AWS::Region}}/{template_hash}.json"
                    ),
                    "requiresBootstrapStackVersion": BOOTSTRAP_VERSION,
                    "bootstrapStackVersionSsmParameter": version_parameter(qualifier),
                    "additionalDependencies": [assets_id],
                    "lookupRole": {
                        "arn": bootstrap_role(qualifier, "lookup"),
                        "requiresBootstrapStackVersion": 8,
                        "bootstrapStackVersionSsmParameter": version_parameter(qualifier),
                    },
                },
                "dependencies": dependencies,
                "metadata": metadata,
                "displayName": stack.name,
            }),
        );
    }
    artifacts.insert(
        "Tree".to_owned(),
        json!({ "type": "cdk:tree", "properties": { "file": "tree.json" } }),
    );
    json!({ "version": SCHEMA_VERSION, "artifacts": artifacts })
}
