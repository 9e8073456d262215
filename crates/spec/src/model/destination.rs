//! Where an ingestion lands: a project's zone and a key prefix.

use serde::{Deserialize, Serialize};

use super::zone::{Location, Zone};
use crate::setters::setter;

/// `destination = { project = "retail", zone = "bronze", prefix = "dms" }`:
/// the landing place of a streaming or CDC ingestion.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Destination {
    /// The project owning the zone (required).
    pub project: String,
    /// The zone (bronze by default; `raw` is accepted for bronze).
    pub zone: Zone,
    /// Key prefix inside the zone; the ingestion's id when absent.
    pub prefix: Option<String>,
}

impl Destination {
    /// The bronze zone of `project`, prefix defaulting to the ingestion id.
    pub fn new(project: impl Into<String>) -> Self {
        Self {
            project: project.into(),
            ..Self::default()
        }
    }

    setter!(project: into String);
    setter!(zone: Zone);
    setter!(prefix: some String);

    /// The key prefix: `prefix`, or the id of the ingestion that lands here.
    pub fn effective_prefix<'a>(&'a self, construct_id: &'a str) -> &'a str {
        self.prefix.as_deref().unwrap_or(construct_id)
    }

    /// The zone's folder/bucket stem, e.g. `retail-bronze`.
    pub fn stem(&self) -> String {
        Location::Zone(self.zone).stem(&self.project)
    }
}
