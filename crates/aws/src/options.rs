//! How to synthesize.

pub use crate::assets::Requirements;

/// Synthesis options.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SynthOptions {
    /// Prefix of every stack name: `<prefix>-network`, `<prefix>-project-<id>`…
    pub stack_prefix: String,
    /// The CDK bootstrap qualifier (`cdk bootstrap --qualifier`), naming the
    /// asset bucket and deployment roles.
    pub qualifier: String,
    /// How post-deploy requirements reach their asset: vendored with
    /// `python3 -m pip` by default; [`Requirements::AsIs`] synthesizes offline.
    pub requirements: Requirements,
}

impl Default for SynthOptions {
    fn default() -> Self {
        Self {
            stack_prefix: "lakeforge".to_owned(),
            qualifier: "hnb659fds".to_owned(),
            requirements: Requirements::default(),
        }
    }
}
