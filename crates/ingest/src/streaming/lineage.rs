//! Lineage of a streaming delivery: one run per invocation (job `ingest.streaming.<id>`,
//! processing type STREAMING), a RUNNING event at each Delta commit with the rows it landed,
//! and at the end COMPLETE (or FAIL with the error) with the table's schema and column lineage
//! from the stream: each record field lands unchanged, the partition columns are computed
//! from the event time.

use std::path::Path;
use std::sync::Mutex;

use lakeforge_lake::lineage::with_arrow_schema;
use lakeforge_lake::{Lake, TableRef};
use lakeforge_lineage::facets::{
    ColumnInputs, ColumnLineage, InputField, OutputStatistics, Transformation,
};
use lakeforge_lineage::{Dataset, DatasetId, DatasetKind, JobSpec, Lineage, RunHandle};
use lakeforge_spec::{StreamBackend, StreamingIngestion};

use super::event_time::PARTITION_COLUMNS;
use super::{DeliveryError, DeliveryMode, DeliveryProgress, DeliverySummary, StreamingDelivery};

/// The dataset of `[streams.<name>]` (see `lakeforge_lineage::naming` for the schemes).
pub fn stream_dataset(name: &str, stream: &lakeforge_spec::Stream, spec_dir: &Path) -> Dataset {
    let id = match stream.backend {
        StreamBackend::Embedded => {
            let root = std::path::absolute(spec_dir).unwrap_or_else(|_| spec_dir.to_path_buf());
            DatasetId::embedded_stream(&root.join(".lakeforge/streams").display().to_string(), name)
        }
        StreamBackend::Nats => {
            let url = stream
                .url
                .as_deref()
                .and_then(|url| url::Url::parse(url).ok());
            let host = url
                .as_ref()
                .and_then(|url| url.host_str().map(str::to_string))
                .unwrap_or_else(|| "127.0.0.1".to_string());
            let port = url.as_ref().and_then(url::Url::port).unwrap_or(4222);
            DatasetId::nats_stream(&host, port, name)
        }
        StreamBackend::Kinesis => {
            let region = std::env::var("AWS_REGION")
                .or_else(|_| std::env::var("AWS_DEFAULT_REGION"))
                .unwrap_or_else(|_| "us-east-1".to_string());
            DatasetId::kinesis_stream(&region, name)
        }
    };
    Dataset::external(id)
}

/// Runs `delivery` of `[streaming.<id>]` (`ingestion`, reading `stream`) as one reported
/// run: START, RUNNING at each commit, COMPLETE or FAIL. `progress` sees every report too.
pub async fn run_reported(
    lineage: &Lineage,
    id: &str,
    ingestion: &StreamingIngestion,
    stream: Dataset,
    delivery: &StreamingDelivery,
    mode: &DeliveryMode,
    progress: &(dyn Fn(&DeliveryProgress) + Sync),
) -> Result<DeliverySummary, DeliveryError> {
    let run = DeliveryLineage::start(lineage, id, stream, delivery.lake(), delivery.table());
    let outcome = delivery
        .run(mode, &|p| {
            progress(p);
            run.progress(p);
        })
        .await;
    run.finish(delivery, &ingestion.event_time_field, &outcome);
    outcome
}

/// The run of one delivery invocation.
struct DeliveryLineage {
    run: RunHandle,
    stream: Dataset,
    table: Dataset,
    /// Commits and delivered rows already reported.
    reported: Mutex<(u64, u64)>,
}

impl DeliveryLineage {
    /// Emits START for the delivery of streaming construct `id` from `stream` into `table`.
    fn start(lineage: &Lineage, id: &str, stream: Dataset, lake: &Lake, table: &TableRef) -> Self {
        let table = lake.lineage_dataset(table, DatasetKind::Table);
        let run = lineage.start(
            JobSpec::batch(format!("ingest.streaming.{id}")).streaming(),
            vec![stream.clone().input()],
            vec![table.clone().output(None)],
            None,
        );
        Self {
            run,
            stream,
            table,
            reported: Mutex::new((0, 0)),
        }
    }

    /// Reports the commits made since the last call (call it from the delivery's progress).
    fn progress(&self, progress: &DeliveryProgress) {
        let Ok(mut reported) = self.reported.lock() else {
            return;
        };
        let (commits, delivered) = *reported;
        if progress.commits <= commits {
            return;
        }
        let statistics = OutputStatistics {
            row_count: progress.delivered.saturating_sub(delivered),
            size: None,
            file_count: None,
        };
        *reported = (progress.commits, progress.delivered);
        self.run.running(
            vec![self.stream.clone().input()],
            vec![self.table.clone().output(Some(statistics))],
        );
    }

    /// Ends the run: COMPLETE with the table's schema (as the delivery's last commit left
    /// it) and column lineage, or FAIL.
    fn finish(
        self,
        delivery: &StreamingDelivery,
        event_time_field: &str,
        outcome: &Result<DeliverySummary, DeliveryError>,
    ) {
        let inputs = vec![self.stream.clone().input()];
        match outcome {
            Ok(summary) => {
                let written = match delivery.committed_schema() {
                    Some(schema) => with_arrow_schema(self.table.clone(), &schema),
                    None => self.table.clone(),
                };
                let lineage =
                    delivery_lineage(&self.stream.id, &written.columns(), event_time_field);
                let statistics = OutputStatistics {
                    row_count: summary.delivered,
                    size: Some(summary.bytes),
                    file_count: None,
                };
                self.run.complete(
                    inputs,
                    vec![
                        written
                            .with_column_lineage(lineage)
                            .output(Some(statistics)),
                    ],
                );
            }
            Err(error) => self.run.fail(&error.to_string(), inputs, Vec::new()),
        }
    }
}

/// Column lineage stream → table: record fields identity, partition columns computed from
/// the event-time field.
fn delivery_lineage(
    stream: &DatasetId,
    columns: &[String],
    event_time_field: &str,
) -> ColumnLineage {
    let (partitions, fields): (Vec<&String>, Vec<&String>) = columns
        .iter()
        .partition(|column| PARTITION_COLUMNS.contains(&column.as_str()));
    let mut lineage = ColumnLineage::identity(&stream.namespace, &stream.name, fields);
    for partition in partitions {
        let input = InputField {
            namespace: stream.namespace.clone(),
            name: stream.name.clone(),
            field: event_time_field.to_string(),
            transformations: vec![Transformation::direct("TRANSFORMATION")],
        };
        lineage.fields.insert(
            partition.clone(),
            ColumnInputs {
                input_fields: vec![input],
            },
        );
    }
    lineage
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partition_columns_come_from_the_event_time_and_fields_pass_unchanged() {
        let stream = DatasetId::nats_stream("127.0.0.1", 4222, "clicks");
        let columns: Vec<String> = ["user_id", "url", "year", "hour"]
            .iter()
            .map(|c| c.to_string())
            .collect();
        let lineage = delivery_lineage(&stream, &columns, "ts");
        let user = &lineage.fields["user_id"].input_fields[0];
        assert_eq!(user.field, "user_id");
        assert_eq!(user.transformations[0].subtype.as_deref(), Some("IDENTITY"));
        let hour = &lineage.fields["hour"].input_fields[0];
        assert_eq!(hour.field, "ts");
        assert_eq!(
            hour.transformations[0].subtype.as_deref(),
            Some("TRANSFORMATION")
        );
        assert_eq!(lineage.fields.len(), 4);
    }
}
