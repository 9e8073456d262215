//! `[post_deploy.<id>]`: project, folder, handler, runtime, environment and policy.

use std::path::Path;

use super::{Focus, Report, formats};
use crate::error::ErrorKind;
use crate::model::{PolicyStatement, PostDeployCode, Spec};
use crate::path::{Seg, child, index, keys};

pub(super) fn check(spec: &Spec, spec_dir: Option<&Path>, r: &mut Report) {
    for (id, code) in &spec.post_deploy {
        let base = keys(&["post_deploy", id]);
        if let Some(project) = &code.project {
            r.reference(
                child(&base, "project"),
                project,
                "project",
                "projects",
                spec.projects.keys().map(String::as_str),
            );
        }
        code_checks(&base, code, r);
        if let Some(dir) = spec_dir {
            folder(&base, id, code, dir, r);
        }
        for key in code.environment.keys() {
            r.name(
                child(&child(&base, "environment"), key),
                Focus::Key,
                "environment variable",
                key,
                formats::env_name(key),
                "Lambda variable names are a letter, then letters, digits or `_`, and not one Lambda sets itself (AWS_REGION, …)",
            );
        }
        for (i, statement) in code.policy_statements.iter().enumerate() {
            policy(&index(&child(&base, "policy_statements"), i), statement, r);
        }
        r.range(
            child(&base, "timeout_seconds"),
            code.timeout_seconds,
            1..=900,
            " (Lambda's 15-minute limit)",
        );
    }
}

fn code_checks(base: &[Seg], code: &PostDeployCode, r: &mut Report) {
    r.format(
        child(base, "handler"),
        &code.handler,
        formats::python_handler(&code.handler),
        "write `module.function`, e.g. \"index.handler\" for def handler(event, context) in index.py",
    );
    r.format(
        child(base, "runtime"),
        &code.runtime,
        formats::python_runtime(&code.runtime),
        "write a Lambda Python runtime such as \"python3.12\"",
    );
    if let Some(command) = &code.command
        && command.first().is_none_or(String::is_empty)
    {
        r.push(
            ErrorKind::MissingKey,
            child(base, "command"),
            Focus::Value,
            format!("`command` in {} has no program", crate::path::table_label(base)),
            "write the program and its arguments, e.g. command = [\"./run.sh\", \"--once\"], or remove `command` to run the handler",
        );
    }
}

/// The folder exists next to the spec, with the handler's module unless a command replaces it.
fn folder(base: &[Seg], id: &str, code: &PostDeployCode, spec_dir: &Path, r: &mut Report) {
    let written = code.folder_or_default(id);
    let dir = code.folder_in(id, spec_dir);
    if !dir.is_dir() {
        r.push(
            ErrorKind::MissingPath,
            child(base, "folder"),
            Focus::Value,
            format!("the post-deploy folder `{written}` of [post_deploy.{id}] does not exist"),
            format!(
                "create {} (relative to the spec file) with index.py and requirements.txt, or fix `folder`",
                dir.display()
            ),
        );
        return;
    }
    let module = code.handler_file();
    if code.command.is_none()
        && formats::python_handler(&code.handler).is_ok()
        && !dir.join(&module).is_file()
    {
        r.push(
            ErrorKind::MissingPath,
            child(base, "handler"),
            Focus::Value,
            format!(
                "handler `{}` of [post_deploy.{id}] needs {written}/{module}, which does not exist",
                code.handler
            ),
            format!(
                "add {module} to the folder, fix `handler`, or set `command` to run something else"
            ),
        );
    }
}

fn policy(path: &[Seg], s: &PolicyStatement, r: &mut Report) {
    for (key, list) in [("actions", &s.actions), ("resources", &s.resources)] {
        if list.is_empty() {
            r.push(
                ErrorKind::MissingKey,
                child(path, key),
                Focus::Value,
                format!("policy statement {} has no {key}", crate::path::dotted(path)),
                if key == "actions" {
                    "list at least one action, e.g. actions = [\"redshift:PauseCluster\"]"
                } else {
                    "list at least one resource ARN, e.g. resources = [\"arn:aws:redshift:${AWS::Region}:${AWS::AccountId}:cluster:name\"]"
                },
            );
        }
    }
    for (i, action) in s.actions.iter().enumerate() {
        r.format(
            index(&child(path, "actions"), i),
            action,
            formats::iam_action(action),
            "write `service:Action`, e.g. \"redshift:PauseCluster\"",
        );
    }
    for (i, resource) in s.resources.iter().enumerate() {
        r.format(
            index(&child(path, "resources"), i),
            resource,
            formats::iam_resource(resource),
            "write an ARN (CloudFormation placeholders such as ${AWS::Region} are fine) or \"*\"",
        );
    }
}
