//! `lakeforge bench lineage`: the wall time lineage costs. The same work runs with lineage on
//! (the local store, as every run writes it) and off (`OPENLINEAGE_DISABLED=true`), turn
//! about, as processes timed from outside; the median of each side is compared: `dbt build`
//! of the retail models on the demo's data, and streaming delivery of simulated clickstream.

use anyhow::Result;

use super::dbt::copy_tree;
use super::figures::Figures;
use super::peer;
use crate::commands::init::{Template, scaffold};
use crate::output::Format;
use crate::project::Context;

/// Lineage switched off, for the "off" side.
const OFF: &[(&str, &str)] = &[("OPENLINEAGE_DISABLED", "true")];

/// Benchmark lineage on against lineage off.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Customers the retail data is simulated with.
    #[arg(long, default_value_t = 1_000)]
    customers: u32,
    /// Days simulated.
    #[arg(long, default_value_t = 30)]
    days: u32,
    /// Runs of each side (the median counts).
    #[arg(long, default_value_t = 5)]
    repeat: usize,
    /// Keep the working folder here instead of a temporary one.
    #[arg(long)]
    keep: Option<std::path::PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub async fn run(context: &Context, args: Args) -> Result<()> {
    let (work, _temporary) = super::work_dir(context, args.keep.as_deref())?;
    let mut figures = Figures::default();

    // dbt build of the retail models, on the demo's data.
    let retail = work.join("retail");
    super::retail_with_demo_data(&retail, args.customers, args.days).await?;
    let (on, off) = alternate(args.repeat, |env| {
        peer::lakeforge(&retail, &["dbt", "build"], env)
    })?;
    add(&mut figures, "retail dbt build", on, off);

    // Streaming delivery: each run delivers a fresh copy of the same filled stream.
    let filled = work.join("stream");
    scaffold(&filled, Template::Retail, true)?;
    let customers = args.customers.to_string();
    let days = args.days.to_string();
    peer::lakeforge(
        &filled,
        &["simulate", "--customers", &customers, "--days", &days],
        &[],
    )?;
    let mut copies = 0usize;
    let (on, off) = alternate(args.repeat, |env| {
        copies += 1;
        let copy = work.join(format!("stream-{copies}"));
        copy_tree(&filled, &copy)?;
        let seconds = peer::lakeforge(&copy, &["ingest", "streaming", "c360-clickstream"], env);
        std::fs::remove_dir_all(&copy)?;
        seconds
    })?;
    add(&mut figures, "streaming delivery", on, off);

    figures.note(format!(
        "retail data: {} customers × {} days; medians of {} runs per side, on and off in turn; \
         on = the local store (no HTTP endpoint), off = OPENLINEAGE_DISABLED=true",
        args.customers, args.days, args.repeat
    ));
    figures.print("lineage on vs off", args.format)
}

/// Runs `measure` `repeat` times with lineage on and off, in turn (which side goes first
/// alternates); the median seconds of each side.
fn alternate(
    repeat: usize,
    mut measure: impl FnMut(&[(&str, &str)]) -> Result<f64>,
) -> Result<(f64, f64)> {
    let (mut on, mut off) = (Vec::new(), Vec::new());
    for round in 0..repeat.max(1) {
        if round % 2 == 0 {
            on.push(measure(&[])?);
            off.push(measure(OFF)?);
        } else {
            off.push(measure(OFF)?);
            on.push(measure(&[])?);
        }
    }
    Ok((median(on), median(off)))
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn add(figures: &mut Figures, what: &str, on: f64, off: f64) {
    figures.add(format!("{what}: lineage on"), on, "s");
    figures.add(format!("{what}: lineage off"), off, "s");
    figures.add(format!("{what}: overhead"), (on / off - 1.0) * 100.0, "%");
}
