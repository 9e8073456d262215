//! The facets lakeforge emits, each with the `_schemaURL` of its current version.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::event::PRODUCER;

/// The current `_schemaURL` of each facet lakeforge writes.
pub mod schema_url {
    /// `parent` (run).
    pub const PARENT: &str =
        "https://openlineage.io/spec/facets/1-2-0/ParentRunFacet.json#/$defs/ParentRunFacet";
    /// `processing_engine` (run).
    pub const PROCESSING_ENGINE: &str = "https://openlineage.io/spec/facets/1-1-1/ProcessingEngineRunFacet.json#/$defs/ProcessingEngineRunFacet";
    /// `errorMessage` (run).
    pub const ERROR_MESSAGE: &str = "https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet";
    /// `jobType` (job).
    pub const JOB_TYPE: &str =
        "https://openlineage.io/spec/facets/2-0-4/JobTypeJobFacet.json#/$defs/JobTypeJobFacet";
    /// `sql` (job).
    pub const SQL: &str =
        "https://openlineage.io/spec/facets/1-1-0/SQLJobFacet.json#/$defs/SQLJobFacet";
    /// `schema` (dataset).
    pub const SCHEMA: &str = "https://openlineage.io/spec/facets/1-2-0/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet";
    /// `dataSource` (dataset).
    pub const DATA_SOURCE: &str = "https://openlineage.io/spec/facets/1-0-1/DatasourceDatasetFacet.json#/$defs/DatasourceDatasetFacet";
    /// `columnLineage` (dataset).
    pub const COLUMN_LINEAGE: &str = "https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet";
    /// `symlinks` (dataset).
    pub const SYMLINKS: &str = "https://openlineage.io/spec/facets/1-0-1/SymlinksDatasetFacet.json#/$defs/SymlinksDatasetFacet";
    /// `outputStatistics` (output dataset).
    pub const OUTPUT_STATISTICS: &str = "https://openlineage.io/spec/facets/1-0-2/OutputStatisticsOutputDatasetFacet.json#/$defs/OutputStatisticsOutputDatasetFacet";
    /// `dataQualityAssertions` (input dataset).
    pub const DATA_QUALITY_ASSERTIONS: &str = "https://openlineage.io/spec/facets/1-1-0/DataQualityAssertionsDatasetFacet.json#/$defs/DataQualityAssertionsDatasetFacet";
}

/// A facet: who produced it, its schema, and its body.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Facet<T> {
    /// The producer.
    #[serde(rename = "_producer")]
    pub producer: String,
    /// The facet's schema version.
    #[serde(rename = "_schemaURL")]
    pub schema_url: String,
    /// The facet's fields.
    #[serde(flatten)]
    pub body: T,
}

impl<T> Facet<T> {
    /// A facet produced by lakeforge with schema `schema_url`.
    pub fn new(schema_url: &str, body: T) -> Self {
        Self {
            producer: PRODUCER.to_string(),
            schema_url: schema_url.to_string(),
            body,
        }
    }
}

/// Facets of a run.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct RunFacets {
    /// The run this one is part of (a dbt node's invocation, a pipeline's step).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<Facet<Parent>>,
    /// The engine that ran it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub processing_engine: Option<Facet<ProcessingEngine>>,
    /// Why it failed.
    #[serde(rename = "errorMessage", skip_serializing_if = "Option::is_none")]
    pub error_message: Option<Facet<ErrorMessage>>,
}

/// Facets of a job.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct JobFacets {
    /// Batch or streaming, which integration, what kind of job.
    #[serde(rename = "jobType", skip_serializing_if = "Option::is_none")]
    pub job_type: Option<Facet<JobType>>,
    /// The SQL a SQL job runs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sql: Option<Facet<Sql>>,
}

/// Facets of a dataset.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct DatasetFacets {
    /// Its columns.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schema: Option<Facet<Schema>>,
    /// The system it lives in.
    #[serde(rename = "dataSource", skip_serializing_if = "Option::is_none")]
    pub data_source: Option<Facet<DataSource>>,
    /// Where each column comes from (outputs).
    #[serde(rename = "columnLineage", skip_serializing_if = "Option::is_none")]
    pub column_lineage: Option<Facet<ColumnLineage>>,
    /// Other names of the dataset (the lakeforge name `project.zone.table`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub symlinks: Option<Facet<Symlinks>>,
}

/// Facets of a read.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct InputDatasetFacets {
    /// Data tests run on the dataset.
    #[serde(
        rename = "dataQualityAssertions",
        skip_serializing_if = "Option::is_none"
    )]
    pub data_quality_assertions: Option<Facet<DataQualityAssertions>>,
}

/// Facets of a write.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct OutputDatasetFacets {
    /// Rows, bytes and files written.
    #[serde(rename = "outputStatistics", skip_serializing_if = "Option::is_none")]
    pub output_statistics: Option<Facet<OutputStatistics>>,
}

/// `parent`: the run and job this run belongs to.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Parent {
    /// The parent run.
    pub run: ParentRun,
    /// The parent job.
    pub job: ParentJob,
}

/// The parent's run id.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ParentRun {
    /// UUID.
    pub run_id: String,
}

/// The parent's job.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct ParentJob {
    /// Namespace.
    pub namespace: String,
    /// Name.
    pub name: String,
}

/// `processing_engine`.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ProcessingEngine {
    /// Engine version.
    pub version: String,
    /// Engine name.
    pub name: String,
    /// Version of the OpenLineage integration.
    pub openlineage_adapter_version: String,
}

impl ProcessingEngine {
    /// lakeforge on DataFusion.
    pub fn lakeforge() -> Self {
        Self {
            version: env!("CARGO_PKG_VERSION").to_string(),
            name: "lakeforge".to_string(),
            openlineage_adapter_version: env!("CARGO_PKG_VERSION").to_string(),
        }
    }
}

/// `errorMessage`.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ErrorMessage {
    /// The message.
    pub message: String,
    /// `Rust`.
    pub programming_language: String,
    /// The chain of causes, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stack_trace: Option<String>,
}

/// `jobType`.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct JobType {
    /// `BATCH` or `STREAMING`.
    pub processing_type: String,
    /// `LAKEFORGE` or `DBT`.
    pub integration: String,
    /// e.g. `MODEL`, `JOB`, `TASK`.
    pub job_type: String,
}

/// `sql`.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Sql {
    /// The query.
    pub query: String,
    /// Its dialect.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dialect: Option<String>,
}

/// `schema`.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Schema {
    /// The columns.
    pub fields: Vec<SchemaField>,
}

/// One column of a `schema` facet.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct SchemaField {
    /// Name.
    pub name: String,
    /// Type, as the engine names it.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub data_type: Option<String>,
}

/// `dataSource`.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct DataSource {
    /// Name of the source (the namespace).
    pub name: String,
    /// Its URI.
    pub uri: String,
}

/// `columnLineage`: for each output column its inputs, and the inputs that affect the whole
/// dataset (joins, filters, grouping, sorting).
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct ColumnLineage {
    /// By output column.
    pub fields: BTreeMap<String, ColumnInputs>,
    /// Dataset-wide indirect inputs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dataset: Vec<InputField>,
}

impl ColumnLineage {
    /// Each of `columns` copied unchanged from the same column of the dataset
    /// `namespace`/`name` (ingestion: stream → bronze, bronze → silver).
    pub fn identity<C: AsRef<str>>(
        namespace: &str,
        name: &str,
        columns: impl IntoIterator<Item = C>,
    ) -> Self {
        let fields = columns
            .into_iter()
            .map(|column| {
                let column = column.as_ref().to_string();
                let input = InputField {
                    namespace: namespace.to_string(),
                    name: name.to_string(),
                    field: column.clone(),
                    transformations: vec![Transformation::direct("IDENTITY")],
                };
                (
                    column,
                    ColumnInputs {
                        input_fields: vec![input],
                    },
                )
            })
            .collect();
        Self {
            fields,
            dataset: Vec::new(),
        }
    }
}

/// The inputs of one output column.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ColumnInputs {
    /// Input columns.
    pub input_fields: Vec<InputField>,
}

/// An input column and how it was used.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct InputField {
    /// The input dataset's namespace.
    pub namespace: String,
    /// The input dataset's name.
    pub name: String,
    /// The input column.
    pub field: String,
    /// How it was used.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transformations: Vec<Transformation>,
}

/// How an input column becomes (or affects) an output.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Transformation {
    /// `DIRECT` or `INDIRECT`.
    #[serde(rename = "type")]
    pub kind: String,
    /// IDENTITY, TRANSFORMATION, AGGREGATION (direct); JOIN, GROUP_BY, FILTER, SORT, WINDOW,
    /// CONDITIONAL (indirect).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subtype: Option<String>,
    /// Whether the value is masked (hashed).
    #[serde(default)]
    pub masking: bool,
}

impl Transformation {
    /// A `DIRECT` transformation of `subtype` (IDENTITY, TRANSFORMATION, AGGREGATION).
    pub fn direct(subtype: &str) -> Self {
        Self {
            kind: "DIRECT".to_string(),
            subtype: Some(subtype.to_string()),
            masking: false,
        }
    }

    /// An `INDIRECT` transformation of `subtype` (JOIN, FILTER, GROUP_BY, SORT, WINDOW,
    /// CONDITIONAL).
    pub fn indirect(subtype: &str) -> Self {
        Self {
            kind: "INDIRECT".to_string(),
            subtype: Some(subtype.to_string()),
            masking: false,
        }
    }
}

/// `symlinks`.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Symlinks {
    /// Other names.
    pub identifiers: Vec<Identifier>,
}

/// One other name of a dataset.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Identifier {
    /// Namespace of the name.
    pub namespace: String,
    /// The name.
    pub name: String,
    /// `TABLE`, `VIEW`, `STREAM`.
    #[serde(rename = "type")]
    pub kind: String,
}

/// `outputStatistics`.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct OutputStatistics {
    /// Rows written.
    pub row_count: u64,
    /// Bytes written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
    /// Files written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file_count: Option<u64>,
}

/// `dataQualityAssertions`.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct DataQualityAssertions {
    /// The tests.
    pub assertions: Vec<Assertion>,
}

/// One data test's verdict.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Assertion {
    /// The test's name.
    pub assertion: String,
    /// Whether it passed.
    pub success: bool,
    /// The column tested, if one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// `error` or `warn`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub severity: Option<String>,
}
