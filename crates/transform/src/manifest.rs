//! The parsed project: nodes (models, seeds, tests, snapshots, analyses), sources and
//! macros, keyed by dbt's unique ids.

use std::path::PathBuf;

use indexmap::IndexMap;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::config::Config;
use crate::jinja::relation::Relation;
use crate::jinja::scope::RefCall;

/// What kind of node it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum ResourceType {
    /// A SQL model.
    Model,
    /// A CSV seed.
    Seed,
    /// A data test (generic or singular).
    Test,
    /// A snapshot.
    Snapshot,
    /// An analysis: compiled, never run.
    Analysis,
}

impl ResourceType {
    /// dbt's name for it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Model => "model",
            Self::Seed => "seed",
            Self::Test => "test",
            Self::Snapshot => "snapshot",
            Self::Analysis => "analysis",
        }
    }
}

/// A documented column.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ColumnInfo {
    /// Its name.
    pub name: String,
    /// Its description.
    pub description: String,
    /// Its declared data type, if any.
    pub data_type: Option<String>,
    /// `meta`.
    pub meta: Map<String, Value>,
    /// Tags.
    pub tags: Vec<String>,
}

/// What a generic test was built from.
#[derive(Clone, Debug, Serialize)]
pub struct TestMetadata {
    /// The test's name (`unique`, `accepted_values`, …).
    pub name: String,
    /// The package namespace, if written (`dbt_utils.expression_is_true`).
    pub namespace: Option<String>,
    /// Its arguments, as written in YAML (plus `column_name`, `model`).
    pub kwargs: Map<String, Value>,
    /// The column the test is attached to.
    pub column_name: Option<String>,
    /// The unique id of the node or source it tests.
    pub attached_node: Option<String>,
}

/// A node of the DAG.
#[derive(Clone, Debug)]
pub struct Node {
    /// `model.shop.orders`.
    pub unique_id: String,
    /// Its kind.
    pub resource_type: ResourceType,
    /// The package defining it.
    pub package_name: String,
    /// Its name.
    pub name: String,
    /// Path relative to its resource folder.
    pub path: String,
    /// Path relative to its project.
    pub original_file_path: String,
    /// The file on disk.
    pub file: PathBuf,
    /// The source as written (SQL with Jinja, or CSV for a seed).
    pub raw_code: String,
    /// Resolved config.
    pub config: Config,
    /// Resolved unique ids it depends on.
    pub depends_on: Vec<String>,
    /// Macros it calls (unique ids), for the manifest.
    pub depends_on_macros: Vec<String>,
    /// Its `ref()` calls.
    pub refs: Vec<RefCall>,
    /// Its `source()` calls.
    pub sources: Vec<(String, String)>,
    /// Description from property files.
    pub description: String,
    /// Documented columns.
    pub columns: IndexMap<String, ColumnInfo>,
    /// dbt's fully qualified name.
    pub fqn: Vec<String>,
    /// The property file that described it.
    pub patch_path: Option<String>,
    /// sha256 of the raw code.
    pub checksum: String,
    /// Where it is built.
    pub relation: Relation,
    /// For generic tests.
    pub test: Option<TestMetadata>,
}

impl Node {
    /// The config's tags.
    pub fn tags(&self) -> Vec<String> {
        self.config.tags()
    }

    /// Whether the node is a generic test (built from YAML).
    pub fn is_generic_test(&self) -> bool {
        self.test.is_some()
    }
}

/// A source table (`sources:` in YAML).
#[derive(Clone, Debug)]
pub struct Source {
    /// `source.shop.raw.orders`.
    pub unique_id: String,
    /// The package defining it.
    pub package_name: String,
    /// The source's name.
    pub source_name: String,
    /// The table's name.
    pub name: String,
    /// The lake table it maps to.
    pub relation: Relation,
    /// The property file.
    pub original_file_path: String,
    /// Description.
    pub description: String,
    /// Documented columns.
    pub columns: IndexMap<String, ColumnInfo>,
    /// `loaded_at_field`.
    pub loaded_at_field: Option<String>,
    /// `freshness` (`warn_after` / `error_after` / `filter`).
    pub freshness: Option<Value>,
    /// dbt's fully qualified name.
    pub fqn: Vec<String>,
    /// Config (`enabled`, `tags`, `meta`).
    pub config: Config,
}

/// The parsed project.
#[derive(Clone, Debug, Default)]
pub struct Manifest {
    /// Nodes by unique id, in parse order.
    pub nodes: IndexMap<String, Node>,
    /// Sources by unique id.
    pub sources: IndexMap<String, Source>,
    /// Disabled nodes, by unique id (not built, but `ref` names them in errors).
    pub disabled: IndexMap<String, Node>,
}

impl Manifest {
    /// The node a `ref` names: a model, seed or snapshot.
    pub fn find_ref(&self, call: &RefCall, from_package: &str) -> Option<&Node> {
        let candidates = || {
            self.nodes.values().filter(|n| {
                n.name == call.name
                    && matches!(
                        n.resource_type,
                        ResourceType::Model | ResourceType::Seed | ResourceType::Snapshot
                    )
            })
        };
        match &call.package {
            Some(package) => candidates().find(|n| &n.package_name == package),
            None => candidates()
                .find(|n| n.package_name == from_package)
                .or_else(|| candidates().next()),
        }
    }

    /// The source `source(name, table)` names.
    pub fn find_source(&self, source_name: &str, table: &str) -> Option<&Source> {
        self.sources
            .values()
            .find(|s| s.source_name == source_name && s.name == table)
    }

    /// The refable names, for "did you mean" hints.
    pub fn refable_names(&self) -> Vec<&str> {
        self.nodes
            .values()
            .filter(|n| n.resource_type != ResourceType::Test)
            .map(|n| n.name.as_str())
            .collect()
    }
}

/// The closest of `known` to `name`, for "did you mean" hints.
pub fn closest<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    known
        .into_iter()
        .map(|k| (strsim::jaro_winkler(name, k), k))
        .filter(|(score, _)| *score > 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}
