//! The provisioning stack: the project as a CodeCommit repository and a
//! source → test (`lakeforge check`) → deploy pipeline, builds encrypted with KMS.

use std::collections::BTreeMap;
use std::path::Path;

use lakeforge_spec::{Provisioning, Spec};
use serde_json::json;

use super::bucket::{AccessLog, BucketSpec, Encryption, secure_bucket};
use super::iam::allow;
use super::kms;
use super::network::NetworkRefs;
use super::pipeline::{BuildStage, PipelineSpec, pipeline};
use crate::assets::{Asset, read_folder, zip_files};
use crate::error::SynthError;
use crate::stack::StackBuilder;
use crate::template::intrinsics;

/// The aws-cdk CLI the deploy stage runs.
pub const CDK_CLI: &str = "aws-cdk@2.1148.1";

/// Installs lakeforge in a build.
const INSTALL: &str = "      - curl --proto '=https' -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal\n      \
     - . \"$HOME/.cargo/env\" && cargo install --locked lakeforge\n";

/// The repository's first commit: the spec and its post-deploy folders.
fn seed(spec: &Spec, spec_dir: &Path) -> Result<Vec<(String, Vec<u8>)>, SynthError> {
    let mut files = vec![(
        "lakeforge.toml".to_owned(),
        spec.to_toml_string().into_bytes(),
    )];
    for (id, code) in &spec.post_deploy {
        let folder = code.folder_or_default(id);
        let path = spec_dir.join(&folder);
        if path.is_dir() {
            files.extend(
                read_folder(&path)?
                    .into_iter()
                    .map(|(name, bytes)| (format!("{folder}/{name}"), bytes)),
            );
        }
    }
    Ok(files)
}

/// A bucket-name stem from a repository name: lowercase letters, digits and
/// hyphens, at most 25 characters (the rest of the name takes 38).
fn bucket_stem(repository: &str) -> String {
    let stem: String = repository
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .take(25)
        .collect();
    stem.trim_matches('-').to_owned()
}

/// Builds the provisioning stack.
pub(crate) fn build(
    stack: &mut StackBuilder,
    spec: &Spec,
    provisioning: &Provisioning,
    spec_dir: &Path,
    qualifier: &str,
    network: &NetworkRefs,
) -> Result<(), SynthError> {
    let asset = Asset::new(
        &format!("{}/Repository/Seed", stack.name()),
        "zip",
        zip_files(seed(spec, spec_dir)?)?,
    );
    let location = stack.asset(asset);
    let key = kms::key(
        stack,
        "Key",
        "Encrypts the provisioning repository, builds and artifacts",
    );
    let log_bucket = network.log_bucket(stack);
    let artifacts = secure_bucket(
        stack,
        "Artifacts",
        BucketSpec {
            name: intrinsics::sub(&format!(
                "{}-artifacts-${{AWS::AccountId}}-${{AWS::Region}}",
                bucket_stem(&provisioning.repository_name)
            )),
            encryption: Encryption::Kms(key.arn()),
            access_log: Some(AccessLog {
                bucket: log_bucket,
                prefix: "provisioning/".to_owned(),
            }),
            lifecycle: Vec::new(),
            policy: Vec::new(),
        },
    );
    let packs: Vec<&str> = provisioning.nag_packs.iter().map(|p| p.as_str()).collect();
    let cdk_roles = intrinsics::arn(&format!(
        "iam::${{AWS::AccountId}}:role/cdk-{qualifier}-*-role-${{AWS::AccountId}}-${{AWS::Region}}"
    ));
    pipeline(
        stack,
        "Pipeline",
        PipelineSpec {
            repository: &provisioning.repository_name,
            description: "The lakeforge project: lakeforge.toml and its code",
            seed: Some(location),
            branch: &provisioning.branch,
            artifacts: &artifacts,
            key: &key,
            stages: vec![
                BuildStage {
                    name: "Test",
                    buildspec: format!(
                        "version: 0.2\nphases:\n  install:\n    commands:\n{INSTALL}  build:\n    commands:\n      \
                         - . \"$HOME/.cargo/env\" && lakeforge check\n"
                    ),
                    environment: BTreeMap::from([("NAG_PACKS".to_owned(), json!(packs.join(",")))]),
                    statements: Vec::new(),
                    wildcards: "",
                },
                BuildStage {
                    name: "Deploy",
                    buildspec: format!(
                        "version: 0.2\nphases:\n  install:\n    commands:\n{INSTALL}  build:\n    commands:\n      \
                         - . \"$HOME/.cargo/env\" && lakeforge synth --out cdk.out\n      \
                         - npx --yes {CDK_CLI} deploy --all --app cdk.out --require-approval never\n"
                    ),
                    environment: BTreeMap::new(),
                    statements: vec![allow(&["sts:AssumeRole"], vec![cdk_roles])],
                    wildcards: "It deploys by assuming the CDK bootstrap roles of this account and region (Resource::cdk-<qualifier>-*-role-*), which hold the permissions boundary.",
                },
            ],
        },
    );
    Ok(())
}
