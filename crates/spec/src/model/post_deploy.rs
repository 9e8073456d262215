//! `[post_deploy.<id>]`: code run once after deployment (the seed's PostDeployCode).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::setters::setter;
use crate::string_enum::string_enum;

string_enum! {
    /// Whether a policy statement allows or denies.
    #[derive(Default)]
    pub enum Effect ("policy effect") {
        /// Allow the actions.
        #[default]
        Allow = "Allow",
        /// Deny the actions.
        Deny = "Deny",
    }
}

/// One IAM policy statement granted to the post-deploy code on AWS:
/// `{ effect = "Allow", actions = ["redshift:PauseCluster"], resources = ["arn:…"] }`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PolicyStatement {
    /// Allow (default) or Deny.
    pub effect: Effect,
    /// IAM actions, `service:Action` (wildcards allowed); at least one.
    pub actions: Vec<String>,
    /// Resource ARNs (CloudFormation `${AWS::Region}`-style placeholders allowed) or `*`; at least one.
    pub resources: Vec<String>,
}

impl PolicyStatement {
    /// An `Allow` statement.
    pub fn allow<A, R>(actions: A, resources: R) -> Self
    where
        A: IntoIterator,
        A::Item: Into<String>,
        R: IntoIterator,
        R::Item: Into<String>,
    {
        Self::default().actions(actions).resources(resources)
    }

    setter!(effect: Effect);
    setter!(actions: list String);
    setter!(resources: list String);
}

/// `[post_deploy.<id>]`: a handler or command run once after `up` (locally)
/// or as a Lambda-backed custom resource after its stack (AWS).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PostDeployCode {
    /// The project whose deployment this code follows; after the whole `up` when absent.
    pub project: Option<String>,
    /// Folder of the code, relative to the spec file; `post_deploy/<id>` when absent.
    /// Holds `index.py` and `requirements.txt` (zipped into the Lambda), or any
    /// executable named by `command`.
    pub folder: Option<String>,
    /// Python handler `module.function` (the module is a `.py` file in the folder).
    pub handler: String,
    /// Lambda runtime, `python3.N`.
    pub runtime: String,
    /// Local target command (argv), run in the folder; runs the Python handler when absent.
    pub command: Option<Vec<String>>,
    /// Environment variables given to the code.
    pub environment: BTreeMap<String, String>,
    /// IAM statements granted to the code on AWS.
    pub policy_statements: Vec<PolicyStatement>,
    /// Time limit in seconds (1 to 900, Lambda's limit).
    pub timeout_seconds: u32,
    /// Vendor the folder's `requirements.txt` into the Lambda zip at synth
    /// (`pip install --target`, Lambda's platform); `false` zips the folder as
    /// it is, e.g. when it needs only what the runtime provides (boto3).
    pub vendor_requirements: bool,
}

impl Default for PostDeployCode {
    fn default() -> Self {
        Self {
            project: None,
            folder: None,
            handler: "index.handler".to_owned(),
            runtime: "python3.12".to_owned(),
            command: None,
            environment: BTreeMap::new(),
            policy_statements: Vec::new(),
            timeout_seconds: 300,
            vendor_requirements: true,
        }
    }
}

impl PostDeployCode {
    setter!(project: some String);
    setter!(folder: some String);
    setter!(handler: into String);
    setter!(runtime: into String);
    setter!(timeout_seconds: u32);
    setter!(vendor_requirements: bool);

    /// Sets the local command (argv).
    #[must_use]
    pub fn command<I>(mut self, argv: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        self.command = Some(argv.into_iter().map(Into::into).collect());
        self
    }

    /// Adds (or replaces) one environment variable.
    #[must_use]
    pub fn environment(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.environment.insert(key.into(), value.into());
        self
    }

    /// Appends one policy statement.
    #[must_use]
    pub fn policy_statement(mut self, statement: PolicyStatement) -> Self {
        self.policy_statements.push(statement);
        self
    }

    /// The folder as written, or `post_deploy/<id>`.
    pub fn folder_or_default(&self, id: &str) -> String {
        self.folder
            .clone()
            .unwrap_or_else(|| format!("post_deploy/{id}"))
    }

    /// The folder resolved against `spec_dir`, the spec file's folder.
    pub fn folder_in(&self, id: &str, spec_dir: &Path) -> PathBuf {
        spec_dir.join(self.folder_or_default(id))
    }

    /// The Python module file of the handler, e.g. `index.py` for `index.handler`
    /// (`pkg/mod.py` for `pkg.mod.handler`).
    pub fn handler_file(&self) -> String {
        let module = self
            .handler
            .rsplit_once('.')
            .map_or(self.handler.as_str(), |(m, _)| m);
        format!("{}.py", module.replace('.', "/"))
    }
}
