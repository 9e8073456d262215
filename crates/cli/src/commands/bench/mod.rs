//! `lakeforge bench`: throughput and latency of the pipelines on this machine, each beside
//! a peer measured in the same run (DuckDB, the database's own change client), as a ratio.
//! Build with `--release` for figures worth recording.

mod cdc;
mod dbt;
mod figures;
mod ingest;
mod lineage;
mod peer;
mod server_clients;

use std::path::{Path, PathBuf};

use anyhow::Result;
use tempfile::TempDir;

use crate::project::Context;

/// Measure a pipeline beside a peer (use a release build).
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples (from a release build, e.g. `cargo run --release -- bench …`):\n  lakeforge bench ingest --customers 3000\n  lakeforge bench cdc --engine postgres --rows 200000\n  lakeforge bench dbt --models 1000\n  lakeforge bench lineage --repeat 7"
)]
pub struct Args {
    #[command(subcommand)]
    command: BenchCommand,
}

#[derive(Debug, clap::Subcommand)]
enum BenchCommand {
    /// Streaming delivery (stream → partitioned Parquet/Delta) of simulated clickstream
    /// events, beside DuckDB converting the same JSON lines to Parquet.
    Ingest(ingest::Args),
    /// CDC from MariaDB / PostgreSQL: full load and change rows/s into bronze and silver,
    /// and commit-to-silver latency under a steady load, beside the server's own change
    /// client (mysqlbinlog, pg_recvlogical).
    Cdc(cdc::Args),
    /// `dbt build` of the retail template's models (on the demo's data) and of a generated
    /// project of many models, beside dbt-core with dbt-duckdb on the same data.
    Dbt(dbt::Args),
    /// The wall time OpenLineage events cost: `dbt build` of the retail models and streaming
    /// delivery, each with lineage on and off (OPENLINEAGE_DISABLED), medians of turns.
    Lineage(lineage::Args),
}

pub async fn run(context: &Context, args: Args) -> Result<()> {
    match args.command {
        BenchCommand::Ingest(args) => ingest::run(context, args).await,
        BenchCommand::Cdc(args) => cdc::run(context, args).await,
        BenchCommand::Dbt(args) => dbt::run(context, args).await,
        BenchCommand::Lineage(args) => lineage::run(context, args).await,
    }
}

/// The folder a bench works in: `--keep DIR` (relative to the project folder), else a
/// temporary folder removed when the returned guard drops.
fn work_dir(context: &Context, keep: Option<&Path>) -> Result<(PathBuf, TempDir)> {
    let temporary = tempfile::tempdir()?;
    let work = match keep {
        Some(dir) => context.dir.join(dir),
        None => temporary.path().to_owned(),
    };
    std::fs::create_dir_all(&work)?;
    Ok((work, temporary))
}

/// A retail project in `dir` filled as the demo fills it (simulated shop, clickstream
/// delivered into bronze, the shop's database replicated into silver); its context.
async fn retail_with_demo_data(dir: &Path, customers: u32, days: u32) -> Result<Context> {
    let project = Context {
        dir: dir.to_path_buf(),
        quiet: true,
        lineage_console: false,
    };
    super::init::scaffold(dir, super::init::Template::Retail, true)?;
    let spec = project.spec()?;
    super::demo::populate(&project, &project, &spec, Some(customers), Some(days)).await?;
    Ok(project)
}
