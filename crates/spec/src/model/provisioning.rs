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
}

impl Default for Provisioning {
    fn default() -> Self {
        Self {
            repository_name: "lakeforge-project".to_owned(),
            branch: "main".to_owned(),
            nag_packs: vec![NagPack::AwsSolutions],
            permissions_boundary: None,
        }
    }
}

impl Provisioning {
    setter!(repository_name: into String);
    setter!(branch: into String);
    setter!(nag_packs: list NagPack);
    setter!(permissions_boundary: some String);
}
