//! Python code run once after a stack deploys: a Lambda function, a provider
//! function speaking the CloudFormation custom-resource protocol, and the
//! custom resource that triggers them.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::iam::{RoleSpec, allow, role};
use super::kms::log_group;
use super::nag::suppress_in_compliance_packs;
use super::security_group::{https_egress, security_group};
use crate::stack::{AssetLocation, Handle, StackBuilder};

/// The newest Python runtime CloudFormation's `AWS::Lambda::Function` schema
/// accepts (as cfn-lint 1.58.0 knows it): the provider's and lakeforge's own functions'.
pub(crate) const LATEST_PYTHON: &str = "python3.14";

/// The newest Python runtime aws-cdk-lib lists, which cdk-nag's
/// `AwsSolutions-L1` expects; CloudFormation does not accept it yet.
const NAG_LATEST_PYTHON: &str = "python3.15";

/// The provider: on Create, invokes the code function with the event and
/// reports the outcome to CloudFormation; Update and Delete succeed at once,
/// so the code runs exactly once per stack.
const PROVIDER_CODE: &str = r#"import json
import os
import urllib.request

import boto3


def respond(event, status, reason):
    body = json.dumps({
        "Status": status,
        "Reason": reason[:1000],
        "PhysicalResourceId": event.get("PhysicalResourceId") or event["LogicalResourceId"],
        "StackId": event["StackId"],
        "RequestId": event["RequestId"],
        "LogicalResourceId": event["LogicalResourceId"],
    }).encode()
    request = urllib.request.Request(event["ResponseURL"], data=body, method="PUT",
                                     headers={"Content-Type": ""})
    urllib.request.urlopen(request, timeout=30)


def handler(event, context):
    if event["RequestType"] != "Create":
        respond(event, "SUCCESS", "runs once, on create")
        return
    try:
        result = boto3.client("lambda").invoke(
            FunctionName=os.environ["CODE_FUNCTION"],
            Payload=json.dumps(event).encode(),
        )
        payload = result["Payload"].read().decode()
        if result.get("FunctionError"):
            respond(event, "FAILED", payload)
        else:
            respond(event, "SUCCESS", payload)
    except Exception as error:  # report every failure to CloudFormation
        respond(event, "FAILED", str(error))
"#;

/// Where the code comes from.
pub(crate) enum Code {
    /// Source text kept in the template (at most 4 KiB).
    Inline(String),
    /// A zip asset.
    Asset(AssetLocation),
}

/// The VPC placement of the functions.
pub(crate) struct Placement {
    pub(crate) vpc_id: Value,
    pub(crate) subnets: Vec<Value>,
}

/// A run-once function to create.
pub(crate) struct RunOnce<'a> {
    pub(crate) code: Code,
    /// `module.function`.
    pub(crate) handler: &'a str,
    /// `python3.N`.
    pub(crate) runtime: &'a str,
    pub(crate) timeout_seconds: u32,
    pub(crate) environment: BTreeMap<String, Value>,
    /// The code's own permissions.
    pub(crate) statements: Vec<Value>,
    pub(crate) placement: Placement,
    /// Key encrypting environment variables and logs.
    pub(crate) key: &'a Handle,
    /// Why `statements` hold wildcards, if they do (for `AwsSolutions-IAM5`).
    pub(crate) wildcards: Option<String>,
}

/// Why function roles hold `Resource::*`.
const NETWORK_INTERFACES: &str = "Lambda's VPC network-interface actions do not support resource-level permissions (Resource::*).";

/// The run-once resources at `path`; returns the code function (whose asset
/// metadata the caller may set) and the custom resource.
pub(crate) fn run_once(
    stack: &mut StackBuilder,
    path: &str,
    spec: RunOnce<'_>,
) -> (Handle, Handle) {
    let group = security_group(
        stack,
        &format!("{path}/SecurityGroup"),
        spec.placement.vpc_id.clone(),
        "Post-deploy functions: HTTPS to AWS APIs only",
        vec![https_egress()],
    );
    let code = match spec.code {
        Code::Inline(text) => json!({ "ZipFile": text }),
        Code::Asset(location) => json!({ "S3Bucket": location.bucket, "S3Key": location.key }),
    };
    let function = function(
        stack,
        &format!("{path}/Function"),
        Function {
            code,
            handler: spec.handler,
            runtime: spec.runtime,
            timeout_seconds: spec.timeout_seconds,
            environment: spec.environment,
            statements: spec.statements,
            placement: &spec.placement,
            group: &group,
            key: spec.key,
            wildcards: spec.wildcards,
        },
    );
    let provider = self::function(
        stack,
        &format!("{path}/Provider"),
        Function {
            code: json!({ "ZipFile": PROVIDER_CODE }),
            handler: "index.handler",
            runtime: LATEST_PYTHON,
            timeout_seconds: 900,
            environment: BTreeMap::from([("CODE_FUNCTION".to_owned(), function.ref_())]),
            statements: vec![allow(&["lambda:InvokeFunction"], vec![function.arn()])],
            placement: &spec.placement,
            group: &group,
            key: spec.key,
            wildcards: None,
        },
    );
    let trigger = stack.add(
        &format!("{path}/Run"),
        "AWS::CloudFormation::CustomResource",
        json!({ "ServiceToken": provider.arn() }),
    );
    (function, trigger)
}

struct Function<'a> {
    code: Value,
    handler: &'a str,
    runtime: &'a str,
    timeout_seconds: u32,
    environment: BTreeMap<String, Value>,
    statements: Vec<Value>,
    placement: &'a Placement,
    group: &'a Handle,
    key: &'a Handle,
    wildcards: Option<String>,
}

/// A function at `path` with its role and encrypted log group, in the VPC.
fn function(stack: &mut StackBuilder, path: &str, spec: Function<'_>) -> Handle {
    let logs = log_group(stack, &format!("{path}/Logs"), spec.key.arn());
    let mut statements = spec.statements;
    statements.push(allow(
        &["logs:CreateLogStream", "logs:PutLogEvents"],
        vec![logs.arn()],
    ));
    statements.push(allow(
        &[
            "ec2:CreateNetworkInterface",
            "ec2:DescribeNetworkInterfaces",
            "ec2:DeleteNetworkInterface",
            "ec2:AssignPrivateIpAddresses",
            "ec2:UnassignPrivateIpAddresses",
        ],
        vec![json!("*")],
    ));
    let reason = match spec.wildcards {
        Some(more) => format!("{NETWORK_INTERFACES} {more}"),
        None => NETWORK_INTERFACES.to_owned(),
    };
    let role = role(
        stack,
        &format!("{path}/Role"),
        RoleSpec::new(&["lambda.amazonaws.com"], statements).wildcards(reason),
    );
    let function = stack.add(
        path,
        "AWS::Lambda::Function",
        json!({
            "Code": spec.code,
            "Handler": spec.handler,
            "Runtime": spec.runtime,
            "Timeout": spec.timeout_seconds,
            "MemorySize": 256,
            "Role": role.arn(),
            "KmsKeyArn": spec.key.arn(),
            "Environment": { "Variables": spec.environment },
            "LoggingConfig": { "LogGroup": logs.ref_() },
            "VpcConfig": {
                "SubnetIds": spec.placement.subnets,
                "SecurityGroupIds": [spec.group.att("GroupId")],
            },
        }),
    );
    suppress_in_compliance_packs(
        stack,
        &function,
        "LambdaConcurrency",
        "Invoked once per deployment by CloudFormation; reserving concurrency would only shrink the account's unreserved pool.",
    );
    suppress_in_compliance_packs(
        stack,
        &function,
        "LambdaDLQ",
        "Invoked synchronously during deployment; failures are reported to CloudFormation, which fails the stack.",
    );
    if spec.runtime == LATEST_PYTHON {
        stack.suppress(
            &function,
            "AwsSolutions-L1",
            &format!(
                "{LATEST_PYTHON} is the newest Python runtime CloudFormation accepts; {NAG_LATEST_PYTHON}, listed by aws-cdk-lib, is not in the AWS::Lambda::Function schema yet."
            ),
        );
    } else if spec.runtime != NAG_LATEST_PYTHON {
        stack.suppress(
            &function,
            "AwsSolutions-L1",
            &format!(
                "The runtime {} is the spec's choice for this code (`runtime` in lakeforge.toml).",
                spec.runtime
            ),
        );
    }
    function
}
