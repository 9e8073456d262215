//! `lakeforge ingest streaming`: deliver a stream into its zone (Firehose semantics).

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::Result;
use indicatif::ProgressBar;
use lakeforge_ingest::streaming::lineage::{run_reported, stream_dataset};
use lakeforge_ingest::streaming::{
    DeliveryMode, DeliveryProgress, StreamingDelivery, open_spec_stream,
};

use crate::output::Format;
use crate::project::{Context, construct};

/// Interval of progress log lines when standard error is not a terminal.
const LOG_EVERY: Duration = Duration::from_secs(10);

/// Run an ingestion construct.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  lakeforge ingest streaming c360-clickstream --until-caught-up\n  lakeforge ingest streaming c360-clickstream --follow --format json"
)]
pub struct Args {
    #[command(subcommand)]
    command: IngestCommand,
}

#[derive(Debug, clap::Subcommand)]
enum IngestCommand {
    /// Deliver [streaming.<id>]'s stream into its destination zone as a partitioned Delta
    /// table (bad records to `<prefix>-error/`), exactly once.
    #[command(
        after_help = "Example:\n  lakeforge ingest streaming c360-clickstream --until-caught-up"
    )]
    Streaming {
        /// The construct id.
        id: String,
        /// Keep delivering new records until Ctrl-C.
        #[arg(long, conflicts_with = "until_caught_up")]
        follow: bool,
        /// Deliver what is in the stream now, then stop (the default).
        #[arg(long)]
        until_caught_up: bool,
        /// Summary format at the end.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Full load + change data capture of [cdc.<id>] into bronze (DMS format), merged into
    /// silver tables by primary key, exactly once.
    Cdc(super::cdc::IngestArgs),
}

pub async fn run(context: &Context, args: Args) -> Result<()> {
    match args.command {
        IngestCommand::Streaming {
            id, follow, format, ..
        } => streaming(context, &id, follow, format).await,
        IngestCommand::Cdc(args) => super::cdc::run_ingest(context, args).await,
    }
}

async fn streaming(context: &Context, id: &str, follow: bool, format: Format) -> Result<()> {
    let id = id.to_string();
    let (spec, lake) = context.lake()?;
    let ingestion = construct(&spec.streaming, "streaming", &id)?;
    let declared = spec
        .streams
        .get(&ingestion.source_stream)
        .expect("validated: the source stream is declared");
    let stream = open_spec_stream(&ingestion.source_stream, declared, &context.dir).await?;
    let lineage = context.lineage(&spec)?;
    let delivery = StreamingDelivery::new(&id, ingestion, lake, stream)?;
    let stream_dataset = stream_dataset(&ingestion.source_stream, declared, &context.dir);
    let stop = Arc::new(AtomicBool::new(false));
    let mode = if follow {
        let flag = stop.clone();
        tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                flag.store(true, Ordering::SeqCst);
            }
        });
        DeliveryMode::Follow { stop }
    } else {
        DeliveryMode::UntilCaughtUp
    };
    let reporter = Reporter::new(context.quiet);
    let outcome = run_reported(
        &lineage,
        &id,
        ingestion,
        stream_dataset,
        &delivery,
        &mode,
        &|p| reporter.report(p),
    )
    .await;
    reporter.finish();
    lineage.close().await;
    let summary = outcome?;
    match format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&summary)?),
        Format::Table | Format::Csv => println!(
            "delivered {} records ({} rejected to {}{}/) in {} commits to {} in {:.1}s",
            summary.delivered,
            summary.rejected,
            delivery.table().table,
            lakeforge_ingest::streaming::ERROR_SUFFIX,
            summary.commits,
            delivery.table(),
            summary.elapsed_seconds
        ),
    }
    Ok(())
}

/// Progress: a live line on a terminal, otherwise a log line every [`LOG_EVERY`].
struct Reporter {
    bar: Option<ProgressBar>,
    quiet: bool,
    last_log: std::sync::Mutex<Instant>,
}

impl Reporter {
    fn new(quiet: bool) -> Self {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(ProgressBar::new_spinner);
        Self {
            bar,
            quiet,
            last_log: std::sync::Mutex::new(Instant::now()),
        }
    }

    fn report(&self, p: &DeliveryProgress) {
        let rate = p.records as f64 / p.elapsed_seconds.max(0.001);
        let line = format!(
            "{} records ({rate:.0}/s), {} delivered, {} rejected, {} commits, lag {} ms",
            p.records, p.delivered, p.rejected, p.commits, p.lag_ms
        );
        if let Some(bar) = &self.bar {
            bar.set_message(line);
            bar.tick();
        } else if !self.quiet {
            let mut last = self.last_log.lock().expect("not poisoned");
            if last.elapsed() >= LOG_EVERY {
                eprintln!("{line}");
                *last = Instant::now();
            }
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
