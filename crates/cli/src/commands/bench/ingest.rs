//! `lakeforge bench ingest`: the simulator's clickstream (JSON lines of ~300–600 bytes)
//! appended to an embedded stream, then delivered Firehose-style into a partitioned Delta
//! table; DuckDB converts the same JSON lines to Parquet in the same run.

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context as _, Result};
use lakeforge_ingest::streaming::{DeliveryMode, StreamingDelivery};
use lakeforge_lake::{Lake, LakeRoot};
use lakeforge_sim::{FilesSink, SimParams, Simulation, Sink};
use lakeforge_spec::{Destination, StreamingIngestion};
use lakeforge_stream::{NewRecord, StreamConfig, open_stream};

use super::figures::Figures;
use super::peer::{self, Layout};
use crate::output::Format;
use crate::project::Context;

/// Records appended to the stream per call.
const APPEND_BATCH: usize = 5_000;

/// Benchmark streaming delivery beside DuckDB.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Customers to simulate (events grow with them).
    #[arg(long, default_value_t = 3_000)]
    customers: u32,
    /// Days to simulate.
    #[arg(long, default_value_t = 30)]
    days: u32,
    /// Delivery buffer in MiB (Firehose's minimum with Parquet conversion is 64).
    #[arg(long, default_value_t = 64)]
    buffer_mb: u32,
    /// Python with the `duckdb` package (default: $LAKEFORGE_PYTHON, else python3).
    #[arg(long)]
    python: Option<PathBuf>,
    /// Keep the working folder here instead of a temporary one.
    #[arg(long)]
    keep: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub async fn run(context: &Context, args: Args) -> Result<()> {
    let (work, _temporary) = super::work_dir(context, args.keep.as_deref())?;
    let mut figures = Figures::default();

    let step = Instant::now();
    let jsonl = simulate_clickstream(&work, &args).await?;
    figures.add(
        "simulate (JSON lines file)",
        step.elapsed().as_secs_f64(),
        "s",
    );

    let step = Instant::now();
    let (events, bytes) = append_to_stream(&work, &jsonl).await?;
    let append = step.elapsed().as_secs_f64();
    let megabytes = bytes as f64 / 1e6;
    figures.add("events", events as f64, "");
    figures.add("JSON bytes per event", bytes as f64 / events as f64, "B");
    figures.add("stream append", events as f64 / append, "events/s");

    let root = LakeRoot::parse("file://./lake", Some(&work))?;
    let lake = Lake::new(root, vec!["bench".into()], Some("bench".into()));
    let mut ingestion = StreamingIngestion::new("clicks", Destination::new("bench"));
    ingestion.destination.prefix = Some("clickstream".into());
    ingestion.buffer_size_mb = args.buffer_mb;
    ingestion.buffer_interval_seconds = 900;
    let stream = open_stream("clicks", &StreamConfig::embedded(&work)).await?;
    let step = Instant::now();
    let delivery = StreamingDelivery::new("bench", &ingestion, lake.clone(), stream)?;
    let delivered = delivery.run(&DeliveryMode::UntilCaughtUp, &|_| {}).await?;
    let seconds = step.elapsed().as_secs_f64();
    let rate = delivered.delivered as f64 / seconds;
    figures.add("lakeforge delivery rate", rate, "events/s");
    figures.add("lakeforge delivery throughput", megabytes / seconds, "MB/s");
    figures.add("lakeforge commits", delivered.commits as f64, "");

    let python = peer::python(args.python.as_deref());
    for (layout, label, out) in [
        (
            Layout::Hourly,
            "hourly partitions",
            work.join("duckdb-hourly"),
        ),
        (Layout::OneFile, "one file", work.join("duckdb.parquet")),
    ] {
        match peer::duckdb_json_to_parquet(&python, &jsonl, &out, layout) {
            Ok((duck_seconds, version)) => {
                let duck_rate = events as f64 / duck_seconds;
                figures.add(
                    format!("DuckDB {version} JSON → Parquet, {label}"),
                    duck_rate,
                    "events/s",
                );
                figures.add(
                    format!("ratio lakeforge / DuckDB, {label}"),
                    rate / duck_rate,
                    "×",
                );
            }
            Err(e) => figures.note(format!("DuckDB ({label}) not measured: {e:#}")),
        }
    }
    figures.note(format!(
        "{} cores; lakeforge reads the stream and writes hourly event-time partitions in Delta commits; DuckDB reads the JSON-lines file",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    ));
    figures.print("bench ingest", args.format)
}

/// Runs the simulator into files and joins its daily clickstream files into one.
async fn simulate_clickstream(work: &std::path::Path, args: &Args) -> Result<PathBuf> {
    let params = SimParams {
        customers: args.customers,
        days: args.days,
        ..SimParams::default()
    };
    let files = work.join("sim");
    let mut sinks: Vec<Box<dyn Sink>> = vec![Box::new(FilesSink::create(&files)?)];
    Simulation::new(params)?.run(&mut sinks, |_| {}).await?;
    drop(sinks);
    let mut days: Vec<PathBuf> = std::fs::read_dir(files.join("clickstream"))?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    days.sort();
    let joined = work.join("events.jsonl");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&joined)?);
    for day in days {
        std::io::copy(&mut std::fs::File::open(&day)?, &mut out)?;
    }
    out.flush()?;
    Ok(joined)
}

/// Appends every line of `jsonl` to the embedded stream `clicks`; (events, bytes).
async fn append_to_stream(work: &std::path::Path, jsonl: &std::path::Path) -> Result<(u64, u64)> {
    let stream = open_stream("clicks", &StreamConfig::embedded(work)).await?;
    let reader = BufReader::new(
        std::fs::File::open(jsonl).with_context(|| format!("opening {}", jsonl.display()))?,
    );
    let (mut events, mut bytes) = (0u64, 0u64);
    let mut batch = Vec::with_capacity(APPEND_BATCH);
    for line in reader.lines() {
        let line = line?;
        events += 1;
        bytes += line.len() as u64 + 1;
        batch.push(NewRecord::new(events.to_string(), line.into_bytes()));
        if batch.len() == APPEND_BATCH {
            stream.append_batch(std::mem::take(&mut batch)).await?;
        }
    }
    if !batch.is_empty() {
        stream.append_batch(batch).await?;
    }
    Ok((events, bytes))
}
