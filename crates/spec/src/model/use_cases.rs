//! `[use_cases]`: the sample customer-360 analytics (the seed's RetailCDPSampleUseCases).

use serde::{Deserialize, Serialize};

use crate::setters::setter;
use crate::string_enum::string_enum;

string_enum! {
    /// One sample use case.
    pub enum UseCase ("use case") {
        /// One customer across user, anonymous and support ids.
        EntityResolution = "entity_resolution",
        /// Customer lifetime value prediction.
        LifetimeValue = "lifetime_value",
        /// Customer segmentation.
        Segmentation = "segmentation",
        /// Product recommendations / personalisation.
        Recommendations = "recommendations",
        /// Customer–product graph.
        Graph = "graph",
        /// Churn prediction.
        Churn = "churn",
    }
}

/// `[use_cases]`: which use cases to build and score against the simulator's ground truth.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct UseCases {
    /// The use cases to run (all six by default).
    pub enabled: Vec<UseCase>,
    /// The project whose gold zone receives the outputs; the default project when absent.
    pub project: Option<String>,
}

impl Default for UseCases {
    fn default() -> Self {
        Self {
            enabled: UseCase::ALL.to_vec(),
            project: None,
        }
    }
}

impl UseCases {
    setter!(enabled: list UseCase);
    setter!(project: some String);
}
