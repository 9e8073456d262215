//! The OpenLineage event model (spec 2-0-2): a `RunEvent` names a run of a job, its input
//! and output datasets, and facets on each.

use serde::{Deserialize, Serialize};

use crate::facets::{DatasetFacets, InputDatasetFacets, JobFacets, OutputDatasetFacets, RunFacets};

/// The spec version every event is written against.
pub const SPEC_URL: &str = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";

/// The `producer` of lakeforge's events.
pub const PRODUCER: &str = concat!(
    "https://example.invalid/lakeforge/tree/",
    env!("CARGO_PKG_VERSION"),
    "/crates/lineage"
);

/// One state change of a run.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct RunEvent {
    /// When it happened (RFC 3339 with offset).
    pub event_time: String,
    /// Who emitted it.
    pub producer: String,
    /// The spec version.
    #[serde(rename = "schemaURL")]
    pub schema_url: String,
    /// START, RUNNING, COMPLETE, FAIL, ABORT or OTHER.
    pub event_type: EventType,
    /// The run.
    pub run: Run,
    /// The job.
    pub job: Job,
    /// What the run read.
    #[serde(default)]
    pub inputs: Vec<InputDataset>,
    /// What the run wrote.
    #[serde(default)]
    pub outputs: Vec<OutputDataset>,
}

/// The state a run reports.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "UPPERCASE")]
pub enum EventType {
    /// The run began.
    Start,
    /// The run goes on (a streaming job's commit).
    Running,
    /// The run succeeded.
    Complete,
    /// The run was stopped.
    Abort,
    /// The run failed.
    Fail,
    /// Anything else.
    Other,
}

impl EventType {
    /// Whether the run is over.
    pub fn is_terminal(self) -> bool {
        matches!(self, Self::Complete | Self::Abort | Self::Fail)
    }

    /// The name as written in events.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Start => "START",
            Self::Running => "RUNNING",
            Self::Complete => "COMPLETE",
            Self::Abort => "ABORT",
            Self::Fail => "FAIL",
            Self::Other => "OTHER",
        }
    }
}

/// A run: a UUID and its facets.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Run {
    /// UUID (v7) of the run.
    pub run_id: String,
    /// Run facets.
    #[serde(default)]
    pub facets: RunFacets,
}

/// A job: a namespace and a name, and its facets.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Job {
    /// The job's namespace.
    pub namespace: String,
    /// The job's name, unique in its namespace.
    pub name: String,
    /// Job facets.
    #[serde(default)]
    pub facets: JobFacets,
}

/// A dataset read by a run.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct InputDataset {
    /// Where the dataset lives (naming spec).
    pub namespace: String,
    /// The dataset's name in its namespace.
    pub name: String,
    /// Dataset facets.
    #[serde(default)]
    pub facets: DatasetFacets,
    /// Facets of this read.
    #[serde(default)]
    pub input_facets: InputDatasetFacets,
}

/// A dataset written by a run.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct OutputDataset {
    /// Where the dataset lives (naming spec).
    pub namespace: String,
    /// The dataset's name in its namespace.
    pub name: String,
    /// Dataset facets.
    #[serde(default)]
    pub facets: DatasetFacets,
    /// Facets of this write.
    #[serde(default)]
    pub output_facets: OutputDatasetFacets,
}
