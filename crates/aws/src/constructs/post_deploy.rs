//! A `[post_deploy.<id>]` stack: the code folder zipped as an asset, a Lambda
//! function, and the provider + custom resource running it once.

use std::path::Path;

use lakeforge_spec::{PolicyStatement, PostDeployCode};
use serde_json::{Value, json};

use super::kms;
use super::lambda::{Code, Placement, RunOnce, run_once};
use super::network::NetworkRefs;
use crate::assets::{Asset, Requirements, python_folder, zip_files};
use crate::error::SynthError;
use crate::stack::StackBuilder;
use crate::template::intrinsics;

/// A spec statement as IAM JSON; resources with `${…}` placeholders become `Fn::Sub`.
fn statement(statement: &PolicyStatement) -> Value {
    let resources: Vec<Value> = statement
        .resources
        .iter()
        .map(|r| intrinsics::text(r))
        .collect();
    json!({
        "Effect": statement.effect.as_str(),
        "Action": statement.actions,
        "Resource": resources,
    })
}

/// Builds the stack of post-deploy code `id`.
pub(crate) fn build(
    stack: &mut StackBuilder,
    id: &str,
    code: &PostDeployCode,
    spec_dir: &Path,
    requirements: &Requirements,
    network: &NetworkRefs,
) -> Result<(), SynthError> {
    let folder = code.folder_in(id, spec_dir);
    if !folder.is_dir() {
        return Err(SynthError::MissingFolder {
            id: id.to_owned(),
            folder,
            handler_file: code.handler_file(),
        });
    }
    let construct = format!("[post_deploy.{id}]");
    let (files, how) = if code.vendor_requirements {
        python_folder(&folder, &code.runtime, requirements, &construct)?
    } else {
        let (files, how) = python_folder(&folder, &code.runtime, &Requirements::AsIs, &construct)?;
        let how = if folder.join("requirements.txt").is_file() {
            format!(
                "requirements.txt not vendored (vendor_requirements = false in {construct}): the function uses its runtime's packages"
            )
        } else {
            how
        };
        (files, how)
    };
    let asset = Asset::new(&format!("{}/Code", stack.name()), "zip", zip_files(files)?);
    let key = kms::key(
        stack,
        "Key",
        &format!("Encrypts post-deploy code {id}: environment and logs"),
    );
    let vpc_id = network.vpc_id(stack);
    let subnets = network.private_subnets(stack);
    let location = stack.asset(asset);
    let marker = location.clone();
    let wildcards = code
        .policy_statements
        .iter()
        .any(|s| s.actions.iter().chain(&s.resources).any(|x| x.contains('*')))
        .then(|| format!("The code's own wildcards are granted as written in [post_deploy.{id}] policy_statements of lakeforge.toml."));
    let (function, _) = run_once(
        stack,
        "PostDeploy",
        RunOnce {
            code: Code::Asset(location),
            handler: &code.handler,
            runtime: &code.runtime,
            timeout_seconds: code.timeout_seconds,
            environment: code
                .environment
                .iter()
                .map(|(k, v)| (k.clone(), json!(v)))
                .collect(),
            statements: code.policy_statements.iter().map(statement).collect(),
            placement: Placement { vpc_id, subnets },
            key: &key,
            wildcards,
        },
    );
    stack.mark_asset(&function, &marker, "Code");
    stack.note("PostDeploy/Function", how);
    Ok(())
}
