//! Least-privilege IAM roles, each with the spec's permissions boundary.

use serde_json::{Value, json};

use crate::stack::{Handle, StackBuilder};
use crate::template::intrinsics;

/// An `Allow` statement of `actions` on `resources`.
pub(crate) fn allow(actions: &[&str], resources: Vec<Value>) -> Value {
    json!({ "Effect": "Allow", "Action": actions, "Resource": resources })
}

/// A policy document of `statements`.
pub(crate) fn document(statements: Vec<Value>) -> Value {
    json!({ "Version": "2012-10-17", "Statement": statements })
}

/// The ARN of the AWS managed policy `name` (e.g. `service-role/X`).
pub(crate) fn managed_policy(name: &str) -> Value {
    intrinsics::arn(&format!("iam::aws:policy/{name}"))
}

/// A role to create: who assumes it and what it may do.
pub(crate) struct RoleSpec<'a> {
    /// Service principals allowed to assume the role, e.g. `lambda.amazonaws.com`
    /// (`${AWS::Region}` placeholders allowed).
    pub(crate) services: &'a [&'a str],
    /// Inline policy statements: the role's permissions.
    pub(crate) statements: Vec<Value>,
    /// AWS managed policies the service requires, with the reason (for the
    /// `AwsSolutions-IAM4` suppression).
    pub(crate) managed: Vec<(Value, &'a str)>,
    /// A fixed role name (only where a service demands one).
    pub(crate) name: Option<&'a str>,
    /// Why `statements` hold wildcards (the `AwsSolutions-IAM5` suppression).
    pub(crate) wildcards: Option<String>,
}

impl<'a> RoleSpec<'a> {
    /// A role assumed by `services` with `statements`.
    pub(crate) fn new(services: &'a [&'a str], statements: Vec<Value>) -> Self {
        Self {
            services,
            statements,
            managed: Vec::new(),
            name: None,
            wildcards: None,
        }
    }

    /// Justifies the wildcards of the statements (`AwsSolutions-IAM5`).
    pub(crate) fn wildcards(mut self, reason: impl Into<String>) -> Self {
        self.wildcards = Some(reason.into());
        self
    }
}

/// Adds the role at `path`, its permissions as a customer managed policy at
/// `path/Policy` (no inline policies), and the stack's permissions boundary
/// when the spec names one.
pub(crate) fn role(stack: &mut StackBuilder, path: &str, spec: RoleSpec<'_>) -> Handle {
    let services: Vec<Value> = spec.services.iter().map(|s| intrinsics::text(s)).collect();
    let mut managed: Vec<Value> = Vec::new();
    if !spec.statements.is_empty() {
        let policy = stack.add(
            &format!("{path}/Policy"),
            "AWS::IAM::ManagedPolicy",
            json!({
                "Description": format!("Least-privilege permissions of {}/{path}", stack.name()),
                "PolicyDocument": document(spec.statements),
            }),
        );
        if let Some(reason) = &spec.wildcards {
            stack.suppress(&policy, "AwsSolutions-IAM5", reason);
        }
        managed.push(policy.ref_());
    }
    managed.extend(spec.managed.iter().map(|(arn, _)| arn.clone()));
    let mut properties = json!({
        "AssumeRolePolicyDocument": document(vec![json!({
            "Effect": "Allow",
            "Principal": { "Service": services },
            "Action": "sts:AssumeRole",
        })]),
    });
    if !managed.is_empty() {
        properties["ManagedPolicyArns"] = Value::Array(managed);
    }
    if let Some(name) = spec.name {
        properties["RoleName"] = json!(name);
    }
    if let Some(boundary) = stack.boundary() {
        properties["PermissionsBoundary"] =
            intrinsics::arn(&format!("iam::${{AWS::AccountId}}:policy/{boundary}"));
    }
    let handle = stack.add(path, "AWS::IAM::Role", properties);
    for (_, reason) in &spec.managed {
        stack.suppress(&handle, "AwsSolutions-IAM4", reason);
    }
    handle
}

/// Adds `statements` as a customer managed policy at `path`, attached to
/// existing roles (by name, possibly imported), with the reason for its wildcards.
pub(crate) fn attach_policy(
    stack: &mut StackBuilder,
    path: &str,
    roles: Vec<Value>,
    statements: Vec<Value>,
    wildcards: &str,
) -> Handle {
    let policy = stack.add(
        path,
        "AWS::IAM::ManagedPolicy",
        json!({
            "Description": format!("Permissions of {}/{path}", stack.name()),
            "PolicyDocument": document(statements),
            "Roles": roles,
        }),
    );
    stack.suppress(&policy, "AwsSolutions-IAM5", wildcards);
    policy
}
