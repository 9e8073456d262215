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
        }
    }
}

impl Provisioning {
    setter!(repository_name: into String);
    setter!(branch: into String);
    setter!(nag_packs: list NagPack);
    setter!(permissions_boundary: some String);
    setter!(suppressions: list NagSuppression);
}
