//! `[provisioning]`: the CI/CD DevSecOps pipeline (the seed's CdkProvisioningStack).

use serde::{Deserialize, Serialize};

use crate::setters::setter;
use crate::string_enum::string_enum;

string_enum! {
    /// A compliance rule pack (cdk-nag NagPack).
    pub enum NagPack ("nag pack") {
        /// AWS Solutions.
        AwsSolutions = "AwsSolutions",
        /// HIPAA Security.
        HipaaSecurity = "HIPAA.Security",
        /// NIST 800-53 rev 4.
        Nist80053R4 = "NIST.800.53.R4",
        /// NIST 800-53 rev 5.
        Nist80053R5 = "NIST.800.53.R5",
        /// PCI DSS 3.2.1.
        PciDss321 = "PCI.DSS.321",
    }
}

/// `[provisioning]`: the project as a git repository with a
/// source → test (nag) → deploy pipeline; `lakeforge check` locally.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Provisioning {
    /// CodeCommit repository name (1 to 100 of `A-Z a-z 0-9 . _ -`, not ending in `.git`).
    pub repository_name: String,
    /// Branch the pipeline deploys.
    pub branch: String,
    /// Rule packs gating the pipeline.
    pub nag_packs: Vec<NagPack>,
    /// IAM policy applied as permissions boundary to every role (e.g. `developer-policy`).
    pub permissions_boundary: Option<String>,
    /// Nag findings accepted for synthesized stacks, each with its reason
    /// (`[[provisioning.suppressions]]`); written into the stacks' `cdk_nag` metadata.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressions: Vec<NagSuppression>,
    /// Where the pipeline's builds get the lakeforge they compile
    /// (`lakeforge_source = { git = "https://…", tag = "v0.1.0" }`); the
    /// repository's `lakeforge/` folder when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lakeforge_source: Option<LakeforgeSource>,
}

/// The lakeforge sources a provisioning pipeline compiles with
/// `cargo install --locked`: a folder of the provisioning repository
/// (`{ path = "lakeforge" }`), or a git repository pinned to a tag or a
/// commit (`{ git = "https://…", tag = "v0.1.0" }`, `{ git = "…", rev = "<sha>" }`).
/// Exactly one of `path` and `git`; with `git`, exactly one of `tag` and `rev`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LakeforgeSource {
    /// The lakeforge workspace's folder inside the provisioning repository (relative, `/`-separated).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// An `https://` git URL of the lakeforge sources (CodeBuild clones without credentials).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub git: Option<String>,
    /// The tag of `git` to build.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// The commit of `git` to build (7 to 40 hexadecimal digits).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rev: Option<String>,
}

impl LakeforgeSource {
    /// The folder used when `[provisioning]` names no source.
    pub const DEFAULT_PATH: &'static str = "lakeforge";

    /// Sources in the folder `path` of the provisioning repository.
    pub fn at_path(path: impl Into<String>) -> Self {
        Self {
            path: Some(path.into()),
            ..Self::default()
        }
    }

    /// Sources of the git repository `url` at tag `tag`.
    pub fn git_tag(url: impl Into<String>, tag: impl Into<String>) -> Self {
        Self {
            git: Some(url.into()),
            tag: Some(tag.into()),
            ..Self::default()
        }
    }

    /// Sources of the git repository `url` at commit `rev`.
    pub fn git_rev(url: impl Into<String>, rev: impl Into<String>) -> Self {
        Self {
            git: Some(url.into()),
            rev: Some(rev.into()),
            ..Self::default()
        }
    }
}

/// One accepted nag finding: cdk-nag's `rules_to_suppress` entry, scoped to stacks.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NagSuppression {
    /// The rule, e.g. `AwsSolutions-IAM5` or `HIPAA.Security-S3BucketReplicationEnabled`.
    pub id: String,
    /// Why the finding is acceptable: at least 10 characters, as cdk-nag requires.
    pub reason: String,
    /// Only these granular findings (e.g. `Resource::*`, `Action::s3:*`); empty: all of the rule's.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub applies_to: Vec<String>,
    /// Only these stacks (names as `lakeforge synth` writes them); empty: every stack.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub stacks: Vec<String>,
}

impl NagSuppression {
    /// The shortest reason cdk-nag accepts.
    pub const MIN_REASON_CHARS: usize = 10;

    /// A suppression of `id` in every stack, with its reason.
    pub fn new(id: impl Into<String>, reason: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            reason: reason.into(),
            ..Self::default()
        }
    }

    setter!(applies_to: list String);
    setter!(stacks: list String);

    /// Whether it applies to the stack named `stack`.
    pub fn covers_stack(&self, stack: &str) -> bool {
        self.stacks.is_empty() || self.stacks.iter().any(|s| s == stack)
    }
}

impl Default for Provisioning {
    fn default() -> Self {
        Self {
            repository_name: "lakeforge-project".to_owned(),
            branch: "main".to_owned(),
            nag_packs: vec![NagPack::AwsSolutions],
            permissions_boundary: None,
            suppressions: Vec::new(),
            lakeforge_source: None,
        }
    }
}

impl Provisioning {
    setter!(repository_name: into String);
    setter!(branch: into String);
    setter!(nag_packs: list NagPack);
    setter!(permissions_boundary: some String);
    setter!(suppressions: list NagSuppression);
    setter!(lakeforge_source: some LakeforgeSource);

    /// The lakeforge sources the pipeline builds: `lakeforge_source`, or the
    /// repository's [`LakeforgeSource::DEFAULT_PATH`] folder.
    pub fn effective_lakeforge_source(&self) -> LakeforgeSource {
        self.lakeforge_source
            .clone()
            .unwrap_or_else(|| LakeforgeSource::at_path(LakeforgeSource::DEFAULT_PATH))
    }
}
