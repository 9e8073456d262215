//! Events of a small retail lake for the tests of the graph, runs and render modules:
//!
//! - `cdc.shop.orders`: MySQL `shop.orders` → `retail.bronze.orders`, column by column;
//! - `apply.silver.orders`: a failed run (reading `retail.bronze.orders_v0`), a complete run
//!   (`retail.bronze.orders` → `retail.silver.orders`), then another failed run;
//! - `dbt.retail` and its child run of the model `retail.gold.customer_orders`, reading
//!   `retail.silver.orders` and `retail.silver.customers` with column lineage;
//! - `apply.silver.customers`: a run killed after START;
//! - `ingest.clicks`: a streaming run with two commits and no end.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, SecondsFormat};
use url::Url;

use crate::event::{EventType, Job, PRODUCER, Run, RunEvent, SPEC_URL};
use crate::facets::{
    ColumnInputs, ColumnLineage, ErrorMessage, Facet, InputField, OutputStatistics, Parent,
    ParentJob, ParentRun, Transformation, schema_url,
};
use crate::naming::{Dataset, DatasetId, DatasetKind};

/// The namespace of every job.
const NAMESPACE: &str = "retail";

/// An event of `run` of `job`, `seconds` after 2026-12-07T10:00:00Z, with no datasets.
pub(crate) fn event(seconds: i64, event_type: EventType, job: &str, run: &str) -> RunEvent {
    let base = DateTime::parse_from_rfc3339("2026-12-07T10:00:00Z").unwrap();
    RunEvent {
        event_time: (base + Duration::seconds(seconds)).to_rfc3339_opts(SecondsFormat::Secs, true),
        producer: PRODUCER.to_string(),
        schema_url: SPEC_URL.to_string(),
        event_type,
        run: Run {
            run_id: run.to_string(),
            facets: Default::default(),
        },
        job: Job {
            namespace: NAMESPACE.to_string(),
            name: job.to_string(),
            facets: Default::default(),
        },
        inputs: Vec::new(),
        outputs: Vec::new(),
    }
}

/// The lake table with lakeforge name `name` (`project.zone.table`), stored on the local disk.
pub(crate) fn table(name: &str) -> Dataset {
    let url = Url::parse(&format!("file:///lake/{}", name.replace('.', "/"))).unwrap();
    Dataset::lakeforge(DatasetId::object_store(&url), name, DatasetKind::Table)
}

/// The MySQL table `shop.orders`, with its schema.
fn mysql_orders() -> Dataset {
    Dataset::external(DatasetId::mysql("127.0.0.1", 3306, "shop", "orders")).with_schema([
        ("order_id", "int"),
        ("customer_id", "int"),
        ("amount", "decimal(10,2)"),
        ("note", "text"),
    ])
}

/// `column` of `from`, used as `kind`/`subtype`.
pub(crate) fn field(from: &Dataset, column: &str, kind: &str, subtype: &str) -> InputField {
    InputField {
        namespace: from.id.namespace.clone(),
        name: from.id.name.clone(),
        field: column.to_string(),
        transformations: vec![Transformation {
            kind: kind.to_string(),
            subtype: Some(subtype.to_string()),
            masking: false,
        }],
    }
}

/// Column lineage: `fields` by output column, and dataset-wide inputs.
pub(crate) fn lineage(
    fields: Vec<(&str, Vec<InputField>)>,
    dataset: Vec<InputField>,
) -> ColumnLineage {
    ColumnLineage {
        fields: fields
            .into_iter()
            .map(|(column, input_fields)| (column.to_string(), ColumnInputs { input_fields }))
            .collect::<BTreeMap<_, _>>(),
        dataset,
    }
}

/// Each of `columns` copied as is from `from`.
fn identity(from: &Dataset, columns: &[&'static str]) -> Vec<(&'static str, Vec<InputField>)> {
    columns
        .iter()
        .map(|&column| (column, vec![field(from, column, "DIRECT", "IDENTITY")]))
        .collect()
}

pub(crate) fn rows(row_count: u64) -> Option<OutputStatistics> {
    Some(OutputStatistics {
        row_count,
        size: None,
        file_count: None,
    })
}

/// `event` with an `errorMessage` facet.
fn failed(mut event: RunEvent, message: &str) -> RunEvent {
    event.run.facets.error_message = Some(Facet::new(
        schema_url::ERROR_MESSAGE,
        ErrorMessage {
            message: message.to_string(),
            programming_language: "Rust".to_string(),
            stack_trace: None,
        },
    ));
    event
}

/// `event` as part of `run` of `job`.
fn child_of(mut event: RunEvent, job: &str, run: &str) -> RunEvent {
    event.run.facets.parent = Some(Facet::new(
        schema_url::PARENT,
        Parent {
            run: ParentRun {
                run_id: run.to_string(),
            },
            job: ParentJob {
                namespace: NAMESPACE.to_string(),
                name: job.to_string(),
            },
        },
    ));
    event
}

/// The retail lake's events, in the order written.
pub(crate) fn retail() -> Vec<RunEvent> {
    use EventType::{Complete, Fail, Running, Start};
    let source = mysql_orders();
    let bronze = table("retail.bronze.orders");
    let silver = table("retail.silver.orders");
    let customers = table("retail.silver.customers");
    let gold = table("retail.gold.customer_orders");
    let clicks = Dataset::lakeforge(
        DatasetId::embedded_stream("/p/.lakeforge/streams", "clickstream"),
        "retail.clickstream",
        DatasetKind::Stream,
    );
    let columns = ["order_id", "customer_id", "amount"];
    let gold_lineage = lineage(
        vec![
            (
                "total",
                vec![field(&silver, "amount", "DIRECT", "AGGREGATION")],
            ),
            (
                "email",
                vec![field(&customers, "email", "DIRECT", "IDENTITY")],
            ),
        ],
        vec![
            field(&silver, "customer_id", "INDIRECT", "JOIN"),
            field(&customers, "customer_id", "INDIRECT", "JOIN"),
        ],
    );
    let clicks_commit = |seconds, row_count| RunEvent {
        inputs: vec![clicks.clone().input()],
        outputs: vec![table("retail.bronze.clicks").output(rows(row_count))],
        ..event(seconds, Running, "ingest.clicks", "clicks-1")
    };
    vec![
        RunEvent {
            inputs: vec![source.clone().input()],
            outputs: vec![bronze.clone().output(None)],
            ..event(0, Start, "cdc.shop.orders", "cdc-1")
        },
        RunEvent {
            inputs: vec![source.clone().input()],
            outputs: vec![
                bronze
                    .clone()
                    .with_column_lineage(lineage(identity(&source, &columns), Vec::new()))
                    .output(rows(100)),
            ],
            ..event(10, Complete, "cdc.shop.orders", "cdc-1")
        },
        RunEvent {
            inputs: vec![table("retail.bronze.orders_v0").input()],
            outputs: vec![silver.clone().output(None)],
            ..event(20, Start, "apply.silver.orders", "apply-1")
        },
        failed(
            event(25, Fail, "apply.silver.orders", "apply-1"),
            "merge failed: schema mismatch",
        ),
        RunEvent {
            inputs: vec![bronze.clone().input()],
            outputs: vec![silver.clone().output(None)],
            ..event(30, Start, "apply.silver.orders", "apply-2")
        },
        RunEvent {
            outputs: vec![
                silver
                    .clone()
                    .with_column_lineage(lineage(
                        identity(&bronze, &columns),
                        vec![field(&bronze, "op", "INDIRECT", "FILTER")],
                    ))
                    .output(rows(90)),
            ],
            ..event(40, Complete, "apply.silver.orders", "apply-2")
        },
        RunEvent {
            inputs: vec![table("retail.bronze.broken").input()],
            outputs: vec![silver.clone().output(None)],
            ..event(50, Start, "apply.silver.orders", "apply-3")
        },
        failed(
            event(55, Fail, "apply.silver.orders", "apply-3"),
            "disk full",
        ),
        event(60, Start, "dbt.retail", "dbt-1"),
        child_of(
            RunEvent {
                inputs: vec![silver.clone().input(), customers.clone().input()],
                outputs: vec![gold.clone().output(None)],
                ..event(61, Start, "retail.gold.customer_orders", "model-1")
            },
            "dbt.retail",
            "dbt-1",
        ),
        child_of(
            RunEvent {
                inputs: vec![silver.input(), customers.clone().input()],
                outputs: vec![gold.with_column_lineage(gold_lineage).output(rows(42))],
                ..event(70, Complete, "retail.gold.customer_orders", "model-1")
            },
            "dbt.retail",
            "dbt-1",
        ),
        RunEvent {
            inputs: vec![table("retail.bronze.customers").input()],
            outputs: vec![customers.output(None)],
            ..event(80, Start, "apply.silver.customers", "customers-1")
        },
        event(90, Complete, "dbt.retail", "dbt-1"),
        RunEvent {
            inputs: vec![clicks.clone().input()],
            outputs: vec![table("retail.bronze.clicks").output(None)],
            ..event(100, Start, "ingest.clicks", "clicks-1")
        },
        clicks_commit(110, 5),
        clicks_commit(120, 7),
    ]
}
