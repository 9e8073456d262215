//! Where the simulation's output goes: anything implementing [`Sink`].
//!
//! * [`DatabaseSink`]: the OLTP tables in SQLite, MySQL/MariaDB or PostgreSQL.
//! * [`StreamSink`]: the clickstream into a lakeforge stream (embedded log by default).
//! * [`FilesSink`]: plain files — clickstream JSON lines, OLTP change logs, ground truth CSV.
//! * [`NullSink`]: counts and discards (benchmarks, tests).

pub mod clickstream;
mod database;
mod files;
mod stream;

use async_trait::async_trait;
use lakeforge_stream::StreamConfig;

pub use self::database::DatabaseSink;
pub use self::files::FilesSink;
pub use self::stream::StreamSink;
use crate::error::SimError;
use crate::events::BatchView;
use crate::ground_truth::GroundTruth;
use crate::params::SimParams;

/// A destination for the simulation's batches. The simulation writes the
/// initial load, then each day (in time slices when running in real time),
/// then a closing update, and finally calls [`Sink::finish`] once.
#[async_trait]
pub trait Sink: Send {
    /// What this sink writes to, for logs (never with a password).
    fn describe(&self) -> String;

    /// Writes a batch (or a time slice of one).
    async fn write(&mut self, batch: BatchView<'_>) -> Result<(), SimError>;

    /// Called once after the last batch, with the run's ground truth; flushes.
    async fn finish(&mut self, truth: &GroundTruth) -> Result<(), SimError>;
}

/// A sink that only counts what it is given.
#[derive(Debug, Default)]
pub struct NullSink {
    events: u64,
    changes: u64,
}

impl NullSink {
    /// A new sink with zero counts.
    pub fn new() -> NullSink {
        NullSink::default()
    }

    /// Events received so far.
    pub fn events(&self) -> u64 {
        self.events
    }

    /// OLTP changes received so far.
    pub fn changes(&self) -> u64 {
        self.changes
    }
}

#[async_trait]
impl Sink for NullSink {
    fn describe(&self) -> String {
        "nothing (null sink)".to_owned()
    }

    async fn write(&mut self, batch: BatchView<'_>) -> Result<(), SimError> {
        self.events += batch.events().len() as u64;
        self.changes += batch.changes().len() as u64;
        Ok(())
    }

    async fn finish(&mut self, _truth: &GroundTruth) -> Result<(), SimError> {
        Ok(())
    }
}

/// The sinks `params` ask for: the database (`database_url`), the stream
/// (`stream`, opened with `stream_config`, or the embedded backend under the
/// current folder when none is given) and plain files (`out_dir`).
pub async fn open_sinks(
    params: &SimParams,
    stream_config: Option<&StreamConfig>,
) -> Result<Vec<Box<dyn Sink>>, SimError> {
    let mut sinks: Vec<Box<dyn Sink>> = Vec::new();
    if let Some(url) = &params.database_url {
        sinks.push(Box::new(DatabaseSink::connect(url, &params.schema).await?));
    }
    if let Some(name) = &params.stream {
        let embedded = StreamConfig::embedded(".");
        sinks.push(Box::new(
            StreamSink::open(name, stream_config.unwrap_or(&embedded)).await?,
        ));
    }
    if let Some(dir) = &params.out_dir {
        sinks.push(Box::new(FilesSink::create(dir)?));
    }
    Ok(sinks)
}
