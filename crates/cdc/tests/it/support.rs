//! Shared helpers: a temporary lake, service detection, reading landed files.

use std::sync::Arc;

use arrow::array::{Array, RecordBatch, StringArray};
use arrow::datatypes::DataType;
use lakeforge_cdc::{BatchLimits, CdcPipeline, ChangeBatch};
use lakeforge_spec::{CdcIngestion, CdcSource, Destination, Engine};
use object_store::local::LocalFileSystem;
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

pub const MYSQL_URL: &str = "mysql://root@127.0.0.1:3306/test";
pub const POSTGRES_URL: &str = "postgres://root@127.0.0.1:5432/test";

/// Whether tests must fail (not skip) when a service is missing.
pub fn required() -> bool {
    std::env::var("LAKEFORGE_REQUIRE_SERVICES").is_ok_and(|v| v == "1")
}

/// Skips (prints why) or, when services are required, fails.
pub fn skip(reason: &str) {
    assert!(!required(), "LAKEFORGE_REQUIRE_SERVICES=1 but {reason}");
    println!("skipped: {reason}");
}

/// A unique name for a test's database objects.
pub fn unique(prefix: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .subsec_nanos();
    format!("{prefix}_{}_{nanos}", std::process::id())
}

/// A lake in a temporary folder with a state folder beside it.
pub struct Lake {
    pub dir: tempfile::TempDir,
    pub store: Arc<dyn ObjectStore>,
    pub zone: Path,
}

impl Lake {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let store: Arc<dyn ObjectStore> =
            Arc::new(LocalFileSystem::new_with_prefix(dir.path()).expect("local store"));
        Self {
            dir,
            store,
            zone: Path::from("retail-bronze"),
        }
    }

    /// The pipeline of `spec` (named `id`) landing in this lake, with small batches.
    pub fn pipeline(&self, id: &str, spec: &CdcIngestion) -> CdcPipeline {
        CdcPipeline::new(
            id,
            spec,
            self.store.clone(),
            self.zone.clone(),
            self.dir.path().join("state"),
        )
        .with_batch_limits(BatchLimits {
            max_rows: 1_000,
            max_latency: std::time::Duration::from_millis(200),
            idle_wait: std::time::Duration::from_millis(200),
        })
    }

    /// Record batches of every file of `batches`, in commit order.
    pub async fn read(&self, batches: &[ChangeBatch]) -> Vec<(String, RecordBatch)> {
        let mut out = Vec::new();
        for batch in batches {
            for file in &batch.files {
                let mut path = self.zone.clone();
                for part in file.path.split('/') {
                    path = path.join(part);
                }
                let bytes = self
                    .store
                    .get(&path)
                    .await
                    .expect("landed file")
                    .bytes()
                    .await
                    .expect("bytes");
                let reader = ParquetRecordBatchReaderBuilder::try_new(bytes)
                    .expect("parquet")
                    .build()
                    .expect("reader");
                for record_batch in reader {
                    out.push((file.path.clone(), record_batch.expect("batch")));
                }
            }
        }
        out
    }
}

/// A spec for `engine` at `url` capturing `include`, landing in project `retail` under `dms`.
pub fn spec(engine: Engine, url: &str, include: &str) -> CdcIngestion {
    CdcIngestion::new(
        CdcSource::url(engine, url),
        Destination::new("retail").prefix("dms"),
    )
    .include([include])
}

/// The text values of column `name` over `batches` (NULL as "∅").
pub fn texts(batches: &[(String, RecordBatch)], name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (_, batch) in batches {
        let Some(column) = batch.column_by_name(name) else {
            out.extend(std::iter::repeat_n("∅".to_owned(), batch.num_rows()));
            continue;
        };
        if let Some(bytes) = column.as_any().downcast_ref::<arrow::array::BinaryArray>() {
            out.extend(bytes.iter().map(|b| {
                b.map_or("∅".to_owned(), |b| {
                    b.iter().map(|x| format!("{x:02x}")).collect()
                })
            }));
            continue;
        }
        // Zoned timestamps print in UTC, without the zone (no tz database here).
        let column = match column.data_type() {
            DataType::Timestamp(unit, Some(_)) => {
                arrow::compute::cast(column, &DataType::Timestamp(*unit, None)).expect("drop zone")
            }
            _ => column.clone(),
        };
        let column = arrow::compute::cast(&column, &DataType::Utf8).expect("cast to text");
        let column = column
            .as_any()
            .downcast_ref::<StringArray>()
            .expect("strings");
        for i in 0..column.len() {
            out.push(if column.is_null(i) {
                "∅".to_owned()
            } else {
                column.value(i).to_owned()
            });
        }
    }
    out
}
