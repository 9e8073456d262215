//! A CodeCommit repository with a CodePipeline running CodeBuild stages on
//! every push to a branch: the dbt CI/CD of projects and the provisioning pipeline.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::bucket::{BucketRef, access_statements};
use super::iam::{RoleSpec, allow, role};
use super::kms::log_group;
use super::nag::suppress_in_compliance_packs;
use crate::stack::{AssetLocation, Handle, StackBuilder};
use crate::template::intrinsics;

/// One CodeBuild stage of the pipeline.
pub(crate) struct BuildStage {
    /// Stage and action name, e.g. `Test`.
    pub(crate) name: &'static str,
    /// The inline buildspec (YAML).
    pub(crate) buildspec: String,
    /// Environment variables of the build.
    pub(crate) environment: BTreeMap<String, Value>,
    /// What the build may do beyond logs and the artifact bucket.
    pub(crate) statements: Vec<Value>,
    /// Why `statements` hold wildcards, if they do (for `AwsSolutions-IAM5`).
    pub(crate) wildcards: &'static str,
    /// The build's machine: [`SMALL`] or [`LARGE`].
    pub(crate) compute_type: &'static str,
    /// Build time limit in minutes (CodeBuild allows 5 to 2160).
    pub(crate) timeout_minutes: u32,
    /// Artifacts of earlier stages read besides `Source` (as `$CODEBUILD_SRC_DIR_<name>`).
    pub(crate) inputs: Vec<&'static str>,
    /// The artifact this stage hands to later ones (its buildspec's `artifacts`).
    pub(crate) output: Option<&'static str>,
}

/// 2 vCPUs, 3 GB: enough to run scripts.
pub(crate) const SMALL: &str = "BUILD_GENERAL1_SMALL";
/// 8 vCPUs, 15 GB: for compiling lakeforge.
pub(crate) const LARGE: &str = "BUILD_GENERAL1_LARGE";

impl BuildStage {
    /// A small build reading the source only, with a 60-minute limit.
    pub(crate) fn small(
        name: &'static str,
        buildspec: String,
        environment: BTreeMap<String, Value>,
        statements: Vec<Value>,
        wildcards: &'static str,
    ) -> Self {
        Self {
            name,
            buildspec,
            environment,
            statements,
            wildcards,
            compute_type: SMALL,
            timeout_minutes: 60,
            inputs: Vec::new(),
            output: None,
        }
    }
}

/// Why pipeline roles reach every object of the artifact bucket.
const ARTIFACTS_REASON: &str = "Pipeline artifacts are objects with generated keys in the pipeline's own artifact bucket (Resource::<bucket>/*).";

/// A repository and its pipeline.
pub(crate) struct PipelineSpec<'a> {
    /// CodeCommit repository name.
    pub(crate) repository: &'a str,
    /// What the repository holds.
    pub(crate) description: &'a str,
    /// A zip asset of the repository's first commit.
    pub(crate) seed: Option<AssetLocation>,
    /// The branch that triggers the pipeline.
    pub(crate) branch: &'a str,
    /// The (versioned, encrypted) artifact bucket.
    pub(crate) artifacts: &'a BucketRef,
    /// The key of the artifact bucket, builds and logs.
    pub(crate) key: &'a Handle,
    pub(crate) stages: Vec<BuildStage>,
}

/// The image every build runs on (a CodeBuild managed image).
const BUILD_IMAGE: &str = "aws/codebuild/amazonlinux2-x86_64-standard:5.0";

/// Adds the repository, builds, pipeline and push trigger at `path`; returns the repository.
pub(crate) fn pipeline(stack: &mut StackBuilder, path: &str, spec: PipelineSpec<'_>) -> Handle {
    let mut repository = json!({
        "RepositoryName": spec.repository,
        "RepositoryDescription": spec.description,
        "KmsKeyId": spec.key.arn(),
    });
    if let Some(seed) = &spec.seed {
        repository["Code"] = json!({
            "BranchName": spec.branch,
            "S3": { "Bucket": seed.bucket, "Key": seed.key },
        });
    }
    let repository = stack.add(
        &format!("{path}/Repository"),
        "AWS::CodeCommit::Repository",
        repository,
    );
    let key_arn = spec.key.arn();
    let artifact_access = access_statements(&spec.artifacts.arn(), "", Some(&key_arn), true);

    let mut actions = Vec::new();
    let mut build_arns = Vec::new();
    for stage in spec.stages {
        let stage_path = format!("{path}/{}", stage.name);
        let logs = log_group(stack, &format!("{stage_path}/Logs"), spec.key.arn());
        let mut statements = stage.statements;
        statements.extend(artifact_access.iter().cloned());
        statements.push(allow(
            &["logs:CreateLogStream", "logs:PutLogEvents"],
            vec![logs.arn()],
        ));
        let build_role = role(
            stack,
            &format!("{stage_path}/Role"),
            RoleSpec::new(&["codebuild.amazonaws.com"], statements)
                .wildcards(format!("{ARTIFACTS_REASON} {}", stage.wildcards)),
        );
        let variables: Vec<Value> = stage
            .environment
            .into_iter()
            .map(|(name, value)| json!({ "Name": name, "Value": value, "Type": "PLAINTEXT" }))
            .collect();
        let project = stack.add(
            &format!("{stage_path}/Project"),
            "AWS::CodeBuild::Project",
            json!({
                "Source": { "Type": "CODEPIPELINE", "BuildSpec": stage.buildspec },
                "Artifacts": { "Type": "CODEPIPELINE" },
                "Environment": {
                    "Type": "LINUX_CONTAINER",
                    "ComputeType": stage.compute_type,
                    "Image": BUILD_IMAGE,
                    "PrivilegedMode": false,
                    "EnvironmentVariables": variables,
                },
                "ServiceRole": build_role.arn(),
                "EncryptionKey": key_arn,
                "TimeoutInMinutes": stage.timeout_minutes,
                "LogsConfig": {
                    "CloudWatchLogs": { "Status": "ENABLED", "GroupName": logs.ref_() }
                },
            }),
        );
        suppress_in_compliance_packs(
            stack,
            &project,
            "CodeBuildProjectSourceRepoUrl",
            "The build's source is the pipeline artifact (Source.Type CODEPIPELINE): there is no repository URL and no credentials.",
        );
        build_arns.push(project.arn());
        let mut configuration = json!({ "ProjectName": project.ref_() });
        if !stage.inputs.is_empty() {
            configuration["PrimarySource"] = json!("Source");
        }
        let inputs: Vec<Value> = std::iter::once("Source")
            .chain(stage.inputs.iter().copied())
            .map(|name| json!({ "Name": name }))
            .collect();
        let mut action = json!({
            "Name": stage.name,
            "ActionTypeId": { "Category": "Build", "Owner": "AWS", "Provider": "CodeBuild", "Version": "1" },
            "Configuration": configuration,
            "InputArtifacts": inputs,
            "RunOrder": 1,
        });
        if let Some(output) = stage.output {
            action["OutputArtifacts"] = json!([{ "Name": output }]);
        }
        actions.push(json!({ "Name": stage.name, "Actions": [action] }));
    }

    let mut pipeline_statements = vec![
        allow(
            &[
                "codecommit:GetBranch",
                "codecommit:GetCommit",
                "codecommit:GetUploadArchiveStatus",
                "codecommit:UploadArchive",
                "codecommit:CancelUploadArchive",
            ],
            vec![repository.arn()],
        ),
        allow(
            &["codebuild:StartBuild", "codebuild:BatchGetBuilds"],
            build_arns,
        ),
    ];
    pipeline_statements.extend(artifact_access);
    let pipeline_role = role(
        stack,
        &format!("{path}/Pipeline/Role"),
        RoleSpec::new(&["codepipeline.amazonaws.com"], pipeline_statements)
            .wildcards(ARTIFACTS_REASON),
    );
    let mut stages = vec![json!({
        "Name": "Source",
        "Actions": [{
            "Name": "Source",
            "ActionTypeId": { "Category": "Source", "Owner": "AWS", "Provider": "CodeCommit", "Version": "1" },
            "Configuration": {
                "RepositoryName": repository.att("Name"),
                "BranchName": spec.branch,
                "PollForSourceChanges": false,
            },
            "OutputArtifacts": [{ "Name": "Source" }],
            "RunOrder": 1,
        }],
    })];
    stages.extend(actions);
    let pipeline = stack.add(
        &format!("{path}/Pipeline"),
        "AWS::CodePipeline::Pipeline",
        json!({
            "RoleArn": pipeline_role.arn(),
            "PipelineType": "V2",
            "RestartExecutionOnUpdate": false,
            "ArtifactStore": {
                "Type": "S3",
                "Location": spec.artifacts.name(),
                "EncryptionKey": { "Id": key_arn, "Type": "KMS" },
            },
            "Stages": stages,
        }),
    );
    let pipeline_arn = intrinsics::join(
        "",
        vec![
            intrinsics::arn("codepipeline:${AWS::Region}:${AWS::AccountId}:"),
            pipeline.ref_(),
        ],
    );
    let trigger_role = role(
        stack,
        &format!("{path}/Trigger/Role"),
        RoleSpec::new(
            &["events.amazonaws.com"],
            vec![allow(
                &["codepipeline:StartPipelineExecution"],
                vec![pipeline_arn.clone()],
            )],
        ),
    );
    stack.add(
        &format!("{path}/Trigger"),
        "AWS::Events::Rule",
        json!({
            "Description": format!("Starts the pipeline on pushes to {}", spec.branch),
            "EventPattern": {
                "source": ["aws.codecommit"],
                "detail-type": ["CodeCommit Repository State Change"],
                "resources": [repository.arn()],
                "detail": {
                    "event": ["referenceCreated", "referenceUpdated"],
                    "referenceType": ["branch"],
                    "referenceName": [spec.branch],
                },
            },
            "Targets": [{ "Arn": pipeline_arn, "Id": "Pipeline", "RoleArn": trigger_role.arn() }],
        }),
    );
    repository
}
