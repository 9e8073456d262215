//! Why synthesis failed, and how to fix it.

use std::path::{Path, PathBuf};

/// A synthesis error: what went wrong, where, and how to fix it.
#[derive(Debug, thiserror::Error)]
pub enum SynthError {
    /// A file or folder could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A construct names a project the spec does not have.
    #[error(
        "{construct} refers to project `{project}`, which is not in [projects]; add [projects.{project}] or fix the name"
    )]
    UnknownProject {
        /// The construct, e.g. `[streaming.c360-clickstream]`.
        construct: String,
        /// The missing project id.
        project: String,
    },
    /// A construct names a stream the spec does not have.
    #[error(
        "{construct} refers to stream `{stream}`, which is not in [streams]; add [streams.{stream}] or fix the name"
    )]
    UnknownStream {
        /// The construct.
        construct: String,
        /// The missing stream name.
        stream: String,
    },
    /// Projects reuse each other's Airflow or lineage endpoint in a cycle.
    #[error(
        "projects {0} reuse each other's Airflow or OpenLineage in a cycle; let one of them own it"
    )]
    ReuseCycle(String),
    /// The VPC cannot hold the subnets.
    #[error(
        "[network] vpc_cidr {cidr} is too small for {subnets} subnets of at least /28; use a larger block (e.g. /16) or fewer max_azs"
    )]
    VpcTooSmall {
        /// The VPC CIDR.
        cidr: String,
        /// Subnets needed (public + private per AZ).
        subnets: u32,
    },
    /// A construct uses something the AWS target cannot deploy.
    #[error(
        "{construct} uses {what}, which the AWS target cannot deploy; change it for `lakeforge synth`"
    )]
    UnsupportedOnAws {
        /// The construct.
        construct: String,
        /// What it uses.
        what: String,
    },
    /// `--stack` named a stack the spec does not produce.
    #[error("no stack named `{name}`; the stacks are: {available}")]
    UnknownStack {
        /// The requested name.
        name: String,
        /// The stacks there are, comma-separated.
        available: String,
    },
    /// A post-deploy folder does not exist.
    #[error("[post_deploy.{id}]: folder {} does not exist; create it (with {handler_file} and requirements.txt) or fix `folder`", folder.display())]
    MissingFolder {
        /// The post-deploy id.
        id: String,
        /// The folder looked for.
        folder: PathBuf,
        /// The handler's file expected in it.
        handler_file: String,
    },
    /// Vendoring requirements with pip failed.
    #[error("{construct}: pip could not vendor {}/requirements.txt: {message}; fix requirements.txt (pin versions that publish wheels for Lambda's manylinux x86_64 platform), or opt out with vendor_requirements = false in {construct}", folder.display())]
    Pip {
        /// The code folder.
        folder: PathBuf,
        /// The construct, e.g. `[post_deploy.x]`.
        construct: String,
        /// What pip said.
        message: String,
    },
    /// The Python that vendors requirements has no pip.
    #[error("{construct} has a requirements.txt to vendor, but `{} -m pip` is not available ({why}); install pip for that Python (or synthesize with another one, e.g. a virtualenv's python), or opt out with vendor_requirements = false in {construct} (the function then uses its runtime's packages)", python.display())]
    PipUnavailable {
        /// The construct, e.g. `[post_deploy.x]`.
        construct: String,
        /// The Python tried.
        python: PathBuf,
        /// What went wrong.
        why: String,
    },
    /// An asset archive could not be built.
    #[error("cannot build a zip asset: {0}")]
    Zip(String),
    /// A template could not be written as YAML.
    #[error("cannot write a template as YAML: {0}")]
    Yaml(String),
}

impl SynthError {
    /// An I/O error on `path`.
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Self::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}
