//! The provisioning stack: the project as a CodeCommit repository and a
//! source → test (`lakeforge check`) → deploy pipeline, builds encrypted with KMS.

use std::collections::BTreeMap;
use std::path::Path;

use lakeforge_spec::{LakeforgeSource, Provisioning, Spec};
use serde_json::{Value, json};

use super::bucket::{AccessLog, BucketSpec, Encryption, secure_bucket};
use super::iam::allow;
use super::kms;
use super::network::NetworkRefs;
use super::pipeline::{BuildStage, LARGE, PipelineSpec, pipeline};
use crate::assets::{Asset, read_folder, zip_files};
use crate::error::SynthError;
use crate::stack::StackBuilder;
use crate::template::intrinsics;

/// The aws-cdk CLI the deploy stage runs.
pub const CDK_CLI: &str = "aws-cdk@2.1148.1";

/// The Rust toolchain builds install (a `rust-toolchain.toml` in the
/// lakeforge sources takes precedence, as rustup reads it).
pub const RUST_TOOLCHAIN: &str = "stable";

/// Where the Test build installs lakeforge, relative to the source folder;
/// handed to the Deploy build as the `Lakeforge` artifact.
const INSTALL_ROOT: &str = ".lakeforge-install";

/// A buildspec command as a single-quoted YAML scalar (safe for `:`, `"`, `{`…).
fn command(text: &str) -> String {
    format!("      - '{}'\n", text.replace('\'', "''"))
}

/// The environment variables naming the lakeforge source, and the commands
/// compiling it into `$LAKEFORGE_ROOT` (every value is passed through the
/// environment, never spliced into the shell text).
fn install_lakeforge(source: &LakeforgeSource) -> (BTreeMap<String, Value>, String) {
    let mut environment = BTreeMap::new();
    let mut commands = String::new();
    let cargo = "cargo install --locked --root \"$LAKEFORGE_ROOT\"";
    match (&source.path, &source.git) {
        (Some(path), _) => {
            environment.insert("LAKEFORGE_PATH".to_owned(), json!(path));
            commands.push_str(&command(
                "test -f \"$LAKEFORGE_PATH/crates/cli/Cargo.toml\" || { echo \"lakeforge sources not found: $LAKEFORGE_PATH/crates/cli/Cargo.toml is not in this repository. Add the lakeforge workspace there (git subtree add --prefix $LAKEFORGE_PATH <lakeforge git URL> <tag>) or set [provisioning] lakeforge_source = { git = ..., tag = ... } in lakeforge.toml\" >&2; exit 1; }",
            ));
            commands.push_str(&command(&format!(
                ". \"$HOME/.cargo/env\" && {cargo} --path \"$LAKEFORGE_PATH/crates/cli\""
            )));
        }
        (None, git) => {
            environment.insert(
                "LAKEFORGE_GIT".to_owned(),
                json!(git.as_deref().unwrap_or("")),
            );
            let pin = match (&source.tag, &source.rev) {
                (Some(tag), _) => {
                    environment.insert("LAKEFORGE_TAG".to_owned(), json!(tag));
                    "--tag \"$LAKEFORGE_TAG\""
                }
                (None, rev) => {
                    environment.insert(
                        "LAKEFORGE_REV".to_owned(),
                        json!(rev.as_deref().unwrap_or("")),
                    );
                    "--rev \"$LAKEFORGE_REV\""
                }
            };
            commands.push_str(&command(&format!(
                ". \"$HOME/.cargo/env\" && {cargo} --git \"$LAKEFORGE_GIT\" {pin} lakeforge"
            )));
        }
    }
    (environment, commands)
}

/// The Test build: installs Rust, compiles lakeforge from `source`, runs
/// `lakeforge check` and hands the binary on as the `Lakeforge` artifact.
fn test_buildspec(install: &str) -> String {
    format!(
        "version: 0.2\nenv:\n  shell: bash\n  variables:\n    LAKEFORGE_ROOT: {INSTALL_ROOT}\nphases:\n  install:\n    commands:\n{rustup}  build:\n    commands:\n{install}{check}artifacts:\n  base-directory: {INSTALL_ROOT}\n  files:\n    - bin/lakeforge\n",
        rustup = command(&format!(
            "curl --proto =https --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal --default-toolchain {RUST_TOOLCHAIN}"
        )),
        check = command(&format!("{INSTALL_ROOT}/bin/lakeforge check")),
    )
}

/// The Deploy build: the Test build's lakeforge synthesizes, the CDK CLI deploys.
fn deploy_buildspec() -> String {
    format!(
        "version: 0.2\nenv:\n  shell: bash\nphases:\n  build:\n    commands:\n{}{}{}",
        command("chmod +x \"$CODEBUILD_SRC_DIR_Lakeforge/bin/lakeforge\""),
        command("\"$CODEBUILD_SRC_DIR_Lakeforge/bin/lakeforge\" synth --out cdk.out"),
        command(&format!(
            "npx --yes {CDK_CLI} deploy --all --app cdk.out --require-approval never"
        )),
    )
}

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
    let source = provisioning.effective_lakeforge_source();
    let (mut test_environment, install) = install_lakeforge(&source);
    test_environment.insert("NAG_PACKS".to_owned(), json!(packs.join(",")));
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
                    buildspec: test_buildspec(&install),
                    environment: test_environment,
                    statements: Vec::new(),
                    wildcards: "",
                    compute_type: LARGE,
                    timeout_minutes: 180,
                    inputs: Vec::new(),
                    output: Some("Lakeforge"),
                },
                BuildStage {
                    name: "Deploy",
                    buildspec: deploy_buildspec(),
                    environment: BTreeMap::new(),
                    statements: vec![allow(&["sts:AssumeRole"], vec![cdk_roles])],
                    wildcards: "It deploys by assuming the CDK bootstrap roles of this account and region (Resource::cdk-<qualifier>-*-role-*), which hold the permissions boundary.",
                    compute_type: super::pipeline::SMALL,
                    timeout_minutes: 60,
                    inputs: vec!["Lakeforge"],
                    output: None,
                },
            ],
        },
    );
    stack.note("Pipeline/Test/Project", source_note(&source));
    Ok(())
}

/// What the assembly says about the lakeforge the pipeline builds.
fn source_note(source: &LakeforgeSource) -> String {
    match (&source.path, &source.git, &source.tag) {
        (Some(path), _, _) => format!(
            "The Test build compiles lakeforge from the repository's {path}/ folder (cargo install --locked --path {path}/crates/cli), which the seeded repository does not hold: add the lakeforge workspace there, or set [provisioning] lakeforge_source = {{ git = \"https://…\", tag = \"…\" }}"
        ),
        (None, Some(git), Some(tag)) => {
            format!(
                "The Test build compiles lakeforge from {git} at tag {tag} (cargo install --locked)"
            )
        }
        (None, git, _) => format!(
            "The Test build compiles lakeforge from {} at commit {} (cargo install --locked)",
            git.as_deref().unwrap_or(""),
            source.rev.as_deref().unwrap_or("")
        ),
    }
}
