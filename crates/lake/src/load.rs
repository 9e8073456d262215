//! Loading files into Delta tables: CSV (with header), JSON lines and Parquet, schemas inferred.
//!
//! The file is read on a blocking thread and streamed into one Delta commit, so a failed
//! load (a malformed row, say) leaves the table exactly as it was.

use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::Path;
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use datafusion::arrow::array::RecordBatch;
use datafusion::arrow::datatypes::SchemaRef;
use datafusion::catalog::streaming::StreamingTable;
use datafusion::datasource::provider_as_source;
use datafusion::error::DataFusionError;
use datafusion::execution::TaskContext;
use datafusion::logical_expr::LogicalPlanBuilder;
use datafusion::physical_plan::SendableRecordBatchStream;
use datafusion::physical_plan::stream::{RecordBatchReceiverStream, RecordBatchStreamAdapter};
use datafusion::physical_plan::streaming::PartitionStream;
use deltalake::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use futures::StreamExt;

use crate::{Lake, LakeError, TableRef, WriteOptions};

/// Records read to infer a CSV or JSON schema.
const INFERENCE_RECORDS: usize = 10_000;
/// Rows per record batch.
const BATCH_ROWS: usize = 8192;

/// The formats `lakeforge load` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileFormat {
    /// Comma-separated values with a header row.
    Csv,
    /// One JSON object per line.
    JsonLines,
    /// Apache Parquet.
    Parquet,
}

impl FileFormat {
    /// The format a file's extension names (`.csv`, `.json`/`.jsonl`/`.ndjson`, `.parquet`).
    pub fn from_path(path: &Path) -> Result<Self, LakeError> {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default()
            .to_ascii_lowercase();
        extension.parse().map_err(|reason| LakeError::Input {
            path: path.display().to_string(),
            reason,
        })
    }
}

impl FromStr for FileFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "csv" => Ok(Self::Csv),
            "json" | "jsonl" | "ndjson" => Ok(Self::JsonLines),
            "parquet" | "pq" => Ok(Self::Parquet),
            other => Err(format!(
                "unknown format `{other}`; use csv, json (JSON lines) or parquet"
            )),
        }
    }
}

/// How far a load has come.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LoadProgress {
    /// Bytes of the file read so far (estimated from rows for Parquet).
    pub bytes: u64,
    /// The file's size.
    pub total_bytes: u64,
    /// Rows read so far.
    pub rows: u64,
}

/// Called after every record batch read.
pub type ProgressFn = Arc<dyn Fn(LoadProgress) + Send + Sync>;

/// What a load did.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct LoadSummary {
    /// The table written, as `project.zone.table`.
    pub table: String,
    /// Rows written.
    pub rows: u64,
    /// Size of the input file.
    pub bytes: u64,
    /// The Delta version the load committed.
    pub version: u64,
}

impl Lake {
    /// Loads a file into a table in one commit (see [`Lake::write`] for the modes).
    pub async fn load_file(
        &self,
        path: &Path,
        table: &TableRef,
        format: FileFormat,
        options: &WriteOptions,
        progress: Option<ProgressFn>,
    ) -> Result<LoadSummary, LakeError> {
        let input_error = |reason: String| LakeError::Input {
            path: path.display().to_string(),
            reason,
        };
        let file = File::open(path).map_err(|e| input_error(e.to_string()))?;
        let total_bytes = file
            .metadata()
            .map_err(|e| input_error(e.to_string()))?
            .len();
        let source =
            FileSource::open(file, format, total_bytes).map_err(|e| input_error(e.to_string()))?;
        let schema = source.schema();
        let rows = Arc::new(AtomicU64::new(0));

        let mut builder = RecordBatchReceiverStream::builder(schema.clone(), 2);
        let tx = builder.tx();
        let (counted, position) = (rows.clone(), source.position.clone());
        builder.spawn_blocking(move || {
            for batch in source.batches()? {
                let batch = batch?;
                let rows = counted.fetch_add(batch.num_rows() as u64, Ordering::Relaxed)
                    + batch.num_rows() as u64;
                if let Some(report) = &progress {
                    report(LoadProgress {
                        bytes: position.bytes(rows),
                        total_bytes,
                        rows,
                    });
                }
                if tx.blocking_send(Ok(batch)).is_err() {
                    break;
                }
            }
            Ok(())
        });
        let stream = builder.build();

        let provider =
            StreamingTable::try_new(schema.clone(), vec![Arc::new(OneShot::new(schema, stream))])?;
        let plan = LogicalPlanBuilder::scan("input", provider_as_source(Arc::new(provider)), None)?
            .build()?;
        let written = self
            .write(table, plan, options)
            .await
            .map_err(|e| match e {
                LakeError::Delta(d) => input_error(d.to_string()),
                other => other,
            })?;
        Ok(LoadSummary {
            table: table.to_string(),
            rows: rows.load(Ordering::Relaxed),
            bytes: total_bytes,
            version: written.version().unwrap_or(0),
        })
    }
}

/// A file opened for reading, with its inferred schema.
struct FileSource {
    reader: SourceReader,
    schema: SchemaRef,
    position: Position,
}

enum SourceReader {
    Csv(CountingReader<File>),
    Json(CountingReader<File>),
    Parquet(ParquetRecordBatchReaderBuilder<File>),
}

/// How to tell how much of the file has been read.
#[derive(Clone)]
enum Position {
    /// Bytes counted as the reader consumes them.
    Counted(Arc<AtomicU64>),
    /// Estimated from rows read out of the total in the Parquet footer.
    Rows { total_rows: u64, total_bytes: u64 },
}

impl Position {
    fn bytes(&self, rows: u64) -> u64 {
        match self {
            Self::Counted(bytes) => bytes.load(Ordering::Relaxed),
            Self::Rows {
                total_rows,
                total_bytes,
            } => (rows * total_bytes).checked_div(*total_rows).unwrap_or(0),
        }
    }
}

impl FileSource {
    fn open(mut file: File, format: FileFormat, total_bytes: u64) -> Result<Self, LakeError> {
        let counter = Arc::new(AtomicU64::new(0));
        let counted = |file: File| CountingReader {
            inner: file,
            count: counter.clone(),
        };
        let (reader, schema) = match format {
            FileFormat::Csv => {
                let (schema, _) = datafusion::arrow::csv::reader::Format::default()
                    .with_header(true)
                    .infer_schema(BufReader::new(&mut file), Some(INFERENCE_RECORDS))?;
                file.seek(SeekFrom::Start(0)).map_err(arrow_io)?;
                (SourceReader::Csv(counted(file)), Arc::new(schema))
            }
            FileFormat::JsonLines => {
                let (schema, _) = datafusion::arrow::json::reader::infer_json_schema(
                    BufReader::new(&mut file),
                    Some(INFERENCE_RECORDS),
                )?;
                file.seek(SeekFrom::Start(0)).map_err(arrow_io)?;
                (SourceReader::Json(counted(file)), Arc::new(schema))
            }
            FileFormat::Parquet => {
                let builder = ParquetRecordBatchReaderBuilder::try_new(file)
                    .map_err(|e| LakeError::Arrow(e.into()))?;
                let schema = builder.schema().clone();
                let total_rows = builder.metadata().file_metadata().num_rows().max(0) as u64;
                return Ok(Self {
                    reader: SourceReader::Parquet(builder.with_batch_size(BATCH_ROWS)),
                    schema,
                    position: Position::Rows {
                        total_rows,
                        total_bytes,
                    },
                });
            }
        };
        Ok(Self {
            reader,
            schema,
            position: Position::Counted(counter),
        })
    }

    fn schema(&self) -> SchemaRef {
        self.schema.clone()
    }

    /// The file's record batches, read lazily.
    fn batches(
        self,
    ) -> Result<
        Box<dyn Iterator<Item = Result<RecordBatch, datafusion::arrow::error::ArrowError>> + Send>,
        DataFusionError,
    > {
        use datafusion::arrow::{csv, json};
        Ok(match self.reader {
            SourceReader::Csv(file) => Box::new(
                csv::ReaderBuilder::new(self.schema)
                    .with_header(true)
                    .with_batch_size(BATCH_ROWS)
                    .build(BufReader::new(file))?,
            ),
            SourceReader::Json(file) => Box::new(
                json::ReaderBuilder::new(self.schema)
                    .with_batch_size(BATCH_ROWS)
                    .build(BufReader::new(file))?,
            ),
            SourceReader::Parquet(builder) => Box::new(
                builder
                    .build()
                    .map_err(|e| DataFusionError::ArrowError(Box::new(e.into()), None))?,
            ),
        })
    }
}

fn arrow_io(e: std::io::Error) -> LakeError {
    LakeError::Arrow(e.into())
}

/// A reader that counts the bytes it hands out.
struct CountingReader<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// A partition whose stream can be executed once: the file is read exactly once.
struct OneShot {
    schema: SchemaRef,
    stream: Mutex<Option<SendableRecordBatchStream>>,
}

impl OneShot {
    fn new(schema: SchemaRef, stream: SendableRecordBatchStream) -> Self {
        Self {
            schema,
            stream: Mutex::new(Some(stream)),
        }
    }
}

impl std::fmt::Debug for OneShot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OneShot").finish_non_exhaustive()
    }
}

impl PartitionStream for OneShot {
    fn schema(&self) -> &SchemaRef {
        &self.schema
    }

    fn execute(&self, _ctx: Arc<TaskContext>) -> SendableRecordBatchStream {
        let taken = self.stream.lock().map(|mut s| s.take()).ok().flatten();
        taken.unwrap_or_else(|| {
            let error = DataFusionError::Execution("the input file was already read".into());
            Box::pin(RecordBatchStreamAdapter::new(
                self.schema.clone(),
                futures::stream::once(async move { Err(error) }).boxed(),
            ))
        })
    }
}
