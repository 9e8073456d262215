//! Synthesis of a lakeforge spec for AWS: CloudFormation for every construct,
//! written as a CDK cloud assembly that the stock AWS CDK CLI deploys
//! (`cdk deploy --app cdk.out`).
//!
//! ```
//! use lakeforge_aws::{SynthOptions, synth};
//! use lakeforge_spec::{Project, Spec};
//!
//! let spec = Spec::builder().project("core", Project::default()).build().unwrap();
//! let assembly = synth(&spec, std::path::Path::new("."), &SynthOptions::default()).unwrap();
//! let names: Vec<&str> = assembly.stacks().iter().map(|s| s.name()).collect();
//! assert_eq!(names, ["lakeforge-network", "lakeforge-project-core"]);
//! ```
//!
//! Output is deterministic: the same spec gives byte-identical files, and
//! logical ids derive from construct paths. Every stack is secure by
//! default (encryption, TLS-only bucket policies, access logs, private
//! networking, least-privilege roles with the spec's permissions boundary)
//! and carries `cdk_nag` suppressions, with reasons, where a rule does not apply.

#![warn(missing_docs)]

mod app;
pub mod assembly;
pub mod assets;
pub mod constructs;
mod error;
mod options;
mod stack;
pub mod template;

use std::path::Path;

use lakeforge_spec::Spec;

pub use assembly::{CloudAssembly, StackArtifact, TemplateFormat};
pub use error::SynthError;
pub use options::{Requirements, SynthOptions};

/// Synthesizes `spec` (whose file lives in `spec_dir`, for relative code
/// folders) into a cloud assembly.
pub fn synth(
    spec: &Spec,
    spec_dir: &Path,
    options: &SynthOptions,
) -> Result<CloudAssembly, SynthError> {
    let stacks = app::build(spec, spec_dir, options)?;
    Ok(CloudAssembly::new(stacks, &options.qualifier))
}
