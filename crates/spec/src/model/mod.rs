//! The constructs of `lakeforge.toml`, one module each, and [`Spec`] holding them.

mod cdc;
mod date;
mod destination;
mod lake;
mod network;
mod post_deploy;
mod project;
mod provisioning;
mod simulator;
mod stream;
mod streaming;
mod use_cases;
mod zone;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use cdc::{CdcIngestion, CdcSource, DatePartitionSequence, Engine, MigrationType};
pub use destination::Destination;
pub use lake::{Lake, LakeRoot};
pub use network::Network;
pub use post_deploy::{Effect, PolicyStatement, PostDeployCode};
pub use project::{AirflowAccessMode, AirflowEnvClass, Project, RedshiftNodeType};
pub use provisioning::{LakeforgeSource, NagPack, NagSuppression, Provisioning};
pub use simulator::{CLICKSTREAM_COLUMNS, Simulator};
pub use stream::{Stream, StreamBackend};
pub use streaming::{OutputFormat, SchemaOrigin, StreamSchema, StreamingIngestion};
pub use use_cases::{UseCase, UseCases};
pub use zone::{Location, Zone};

/// A whole `lakeforge.toml`: every construct of the project.
///
/// Missing tables and keys take the seed's defaults, so a file holding only
/// `[projects.core]` is a complete spec. Maps are ordered by id.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Spec {
    /// `[lake]`: where the zones live.
    pub lake: Lake,
    /// `[network]`: VPC and access logs.
    pub network: Network,
    /// `[streams.<name>]`: event streams.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub streams: BTreeMap<String, Stream>,
    /// `[projects.<id>]`: data lake + warehouse projects (at least one).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub projects: BTreeMap<String, Project>,
    /// `[streaming.<id>]`: stream ingestions.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub streaming: BTreeMap<String, StreamingIngestion>,
    /// `[cdc.<id>]`: database change-data-capture ingestions.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub cdc: BTreeMap<String, CdcIngestion>,
    /// `[post_deploy.<id>]`: code run after deployment.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub post_deploy: BTreeMap<String, PostDeployCode>,
    /// `[simulator]`: the retail simulator, when wanted.
    pub simulator: Option<Simulator>,
    /// `[use_cases]`: the sample use cases, when wanted.
    pub use_cases: Option<UseCases>,
    /// `[provisioning]`: the CI/CD pipeline, when wanted.
    pub provisioning: Option<Provisioning>,
}

impl Spec {
    /// The project commands act on when none is named: `lake.default_project`,
    /// or the only project when there is exactly one.
    pub fn default_project(&self) -> Option<&str> {
        match &self.lake.default_project {
            Some(id) => Some(id),
            None if self.projects.len() == 1 => self.projects.keys().next().map(String::as_str),
            None => None,
        }
    }

    /// The project with id `id`.
    pub fn project(&self, id: &str) -> Option<&Project> {
        self.projects.get(id)
    }

    /// The OpenLineage endpoint the local target sends project `id`'s lineage to: its own
    /// `openlineage_url`, or that of the project whose endpoint it reuses.
    pub fn openlineage_url(&self, id: &str) -> Option<&str> {
        let project = self.project(id)?;
        match &project.reuse_openlineage {
            Some(owner) => self.project(owner)?.openlineage_url.as_deref(),
            None => project.openlineage_url.as_deref(),
        }
    }

    /// The project of the simulator's data: its `project`, or the default project.
    pub fn simulator_project(&self) -> Option<&str> {
        let simulator = self.simulator.as_ref()?;
        simulator
            .project
            .as_deref()
            .or_else(|| self.default_project())
    }

    /// The project of the use cases: their `project`, or the default project.
    pub fn use_cases_project(&self) -> Option<&str> {
        let use_cases = self.use_cases.as_ref()?;
        use_cases
            .project
            .as_deref()
            .or_else(|| self.default_project())
    }

    /// The record schema of streaming ingestion `id`: its `columns`, or the
    /// simulator's clickstream columns when it reads the simulator's stream;
    /// `None` when neither is known (or there is no such ingestion).
    pub fn streaming_schema(&self, id: &str) -> Option<StreamSchema> {
        let ingestion = self.streaming.get(id)?;
        if !ingestion.columns.is_empty() {
            return Some(StreamSchema {
                columns: ingestion
                    .columns
                    .iter()
                    .map(|(name, ty)| (name.clone(), ty.clone()))
                    .collect(),
                origin: SchemaOrigin::Declared,
            });
        }
        let simulator = self.simulator.as_ref()?;
        (simulator.stream.as_deref() == Some(ingestion.source_stream.as_str())).then(|| {
            StreamSchema {
                columns: CLICKSTREAM_COLUMNS
                    .iter()
                    .map(|(name, ty)| ((*name).to_owned(), (*ty).to_owned()))
                    .collect(),
                origin: SchemaOrigin::Simulator,
            }
        })
    }

    /// The spec as TOML, every value written out (defaults included), so that
    /// parsing it gives back an equal spec.
    pub fn to_toml_string(&self) -> String {
        // Every field is a string, bool, u32, f64, enum, list or map with
        // string keys, all of which TOML can hold, so this does not fail; the
        // fallback only keeps the function total.
        toml::to_string(self)
            .unwrap_or_else(|e| format!("# lakeforge could not write this spec as TOML: {e}\n"))
    }
}
