//! `lakeforge simulate`: run the retail simulator into the spec's stream and OLTP database.

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};
use lakeforge_sim::{
    DatabaseSink, FilesSink, SimParams, SimSummary, Simulation, Sink, StreamSink, parse_date,
};
use lakeforge_spec::Spec;

use crate::project::Context;

/// Simulate an online retailer: customers browse, search, buy, review, chat with support and
/// churn. Clickstream events go to the spec's stream, orders and profiles to the OLTP
/// database (schema c360), optionally files to --out. Same seed, same data.
#[derive(Debug, Default, clap::Args)]
#[command(
    after_help = "Examples:\n  lakeforge simulate --days 7 --customers 500\n  lakeforge simulate --db mysql://root@127.0.0.1:3306/shop --out sim-files --seed 7"
)]
pub struct Args {
    /// Customers (default: [simulator] customers).
    #[arg(long)]
    pub customers: Option<u32>,
    /// Products in the catalogue.
    #[arg(long)]
    pub products: Option<u32>,
    /// Simulated days.
    #[arg(long)]
    pub days: Option<u32>,
    /// First simulated day, YYYY-MM-DD.
    #[arg(long)]
    pub start: Option<String>,
    /// Random seed.
    #[arg(long)]
    pub seed: Option<u64>,
    /// The stream for clickstream events (a [streams.<name>] of the spec).
    #[arg(long)]
    pub stream: Option<String>,
    /// The OLTP database: sqlite://PATH, mysql://…, mariadb://…, postgres://….
    #[arg(long)]
    pub db: Option<String>,
    /// Also write JSON lines / CSV files (and the ground truth) here.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Pace events in real time…
    #[arg(long)]
    pub realtime: bool,
    /// …at this many simulated seconds per second.
    #[arg(long, requires = "realtime", default_value_t = 1.0)]
    pub speed: f64,
}

pub async fn run(context: &Context, args: Args) -> Result<()> {
    let spec = context.spec()?;
    let summary = simulate(context, &spec, args).await?;
    if !context.quiet {
        println!("{summary}");
    }
    Ok(())
}

/// Runs the simulator for the project in `context` and returns its summary.
pub async fn simulate(context: &Context, spec: &Spec, args: Args) -> Result<SimSummary> {
    let params = params(context, spec, &args)?;
    let mut sinks: Vec<Box<dyn Sink>> = Vec::new();
    if let Some(url) = &params.database_url {
        sinks.push(Box::new(DatabaseSink::connect(url, &params.schema).await?));
    }
    if let Some(name) = &params.stream {
        let stream = super::stream::open(context, spec, name).await?;
        sinks.push(Box::new(StreamSink::new(stream)));
    }
    if let Some(dir) = &params.out_dir {
        sinks.push(Box::new(FilesSink::create(dir)?));
    }
    let days = u64::from(params.days);
    let bar = (!context.quiet && std::io::stderr().is_terminal()).then(|| {
        let bar = ProgressBar::new(days);
        bar.set_style(
            ProgressStyle::with_template("{bar:40} day {pos}/{len} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    });
    let mut simulation = Simulation::new(params)?;
    let summary = simulation
        .run(&mut sinks, |day| {
            if let Some(bar) = &bar {
                bar.set_position(u64::from(day.days_done));
                bar.set_message(format!(
                    "{} {} events, {} orders",
                    day.date, day.events, day.orders
                ));
            }
        })
        .await?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    Ok(summary)
}

/// `[simulator]` with the command line's overrides; relative paths are the project's.
fn params(context: &Context, spec: &Spec, args: &Args) -> Result<SimParams> {
    let mut params = match &spec.simulator {
        Some(simulator) => SimParams::from_spec(simulator)?,
        None => SimParams::default(),
    };
    let overrides = [
        (args.customers, &mut params.customers),
        (args.products, &mut params.products),
        (args.days, &mut params.days),
    ];
    for (value, field) in overrides {
        if let Some(value) = value {
            *field = value;
        }
    }
    if let Some(start) = &args.start {
        params.start_date = parse_date("--start", start)?;
    }
    if let Some(seed) = args.seed {
        params.seed = seed;
    }
    if let Some(stream) = &args.stream {
        params.stream = Some(stream.clone());
    }
    if let Some(db) = &args.db {
        params.database_url = Some(db.clone());
    }
    params.database_url = params
        .database_url
        .map(|url| context.sqlite_url(&url))
        .transpose()?;
    params.out_dir = args.out.as_ref().map(|dir| context.dir.join(dir));
    params.realtime_speed = args.realtime.then_some(args.speed);
    params.validate()?;
    Ok(params)
}
