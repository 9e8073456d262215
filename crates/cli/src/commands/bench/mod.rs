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

use anyhow::Result;

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
