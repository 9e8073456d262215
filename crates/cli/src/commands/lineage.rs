//! `lakeforge lineage`: what feeds a table or column and what it feeds, across ingestion, CDC
//! and dbt, and the runs behind it — answered from the local store of OpenLineage events.

use anyhow::Result;
use lakeforge_lineage::RunEvent;
use lakeforge_lineage::config::{DEFAULT_ROTATE_BYTES, STORE_DIR};
use lakeforge_lineage::graph::{Direction, LineageGraph};
use lakeforge_lineage::render::{self, Format};
use lakeforge_lineage::runs;
use lakeforge_lineage::store::Store;

use crate::project::Context;

/// Lineage of a table or column from the runs recorded under .lakeforge/lineage/.
#[derive(Debug, clap::Args)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "Examples:\n  lakeforge lineage gold.customer_360 --upstream\n  lakeforge lineage silver.orders.amount --downstream --format mermaid\n  lakeforge lineage runs --job ingest.streaming.c360-clickstream"
)]
pub struct Args {
    #[command(subcommand)]
    command: Option<LineageCommand>,
    /// zone.table, zone.table.column, project.zone.table or project.zone.table.column (a
    /// three-part name whose first part is a zone of the default project is
    /// zone.table.column).
    name: Option<String>,
    /// Only what feeds NAME.
    #[arg(long, conflicts_with = "downstream")]
    upstream: bool,
    /// Only what NAME feeds.
    #[arg(long)]
    downstream: bool,
    /// At most this many dataset hops (default: unlimited).
    #[arg(long)]
    depth: Option<usize>,
    /// tree for people; json (nodes and edges), dot (Graphviz) or mermaid for tools.
    #[arg(long, default_value = "tree", value_parser = ["tree", "json", "dot", "mermaid"])]
    format: String,
}

#[derive(Debug, clap::Subcommand)]
enum LineageCommand {
    /// The runs recorded: job, state, start, duration, rows, error; newest first.
    #[command(
        after_help = "Example:\n  lakeforge lineage runs --job model.retail.customer_360 --format json"
    )]
    Runs {
        /// Only the runs of this job (exact name, or else every job whose name contains it).
        #[arg(long)]
        job: Option<String>,
        /// table for people, json for machines.
        #[arg(long, default_value = "table", value_parser = ["table", "json"])]
        format: String,
    },
}

pub async fn run(context: &Context, args: Args) -> Result<()> {
    let spec = context.spec()?;
    let events = stored_events(context)?;
    match args.command {
        Some(LineageCommand::Runs { job, format }) => {
            let mut listed = runs::list(&events);
            if let Some(job) = job {
                listed = runs::for_job(listed, &job);
            }
            if format == "json" {
                println!("{}", serde_json::to_string_pretty(&listed)?);
            } else {
                print!("{}", runs::table(&listed));
            }
            Ok(())
        }
        None => {
            let Some(name) = args.name else {
                anyhow::bail!(
                    "name a table or column (e.g. `lakeforge lineage gold.orders`), or list runs with `lakeforge lineage runs`"
                );
            };
            let graph = LineageGraph::from_events(&events);
            let default_project = spec.default_project().unwrap_or("lakeforge");
            let target = graph.resolve(&name, default_project)?;
            let direction = Direction::from_flags(args.upstream, args.downstream);
            let subgraph = graph.subgraph(&target, direction, args.depth);
            let format: Format = args.format.parse()?;
            print!("{}", render::render(&subgraph, format)?);
            Ok(())
        }
    }
}

/// Every event of the project's local store, oldest first.
fn stored_events(context: &Context) -> Result<Vec<RunEvent>> {
    let store = Store::new(context.dir.join(STORE_DIR), DEFAULT_ROTATE_BYTES);
    Ok(store
        .read_all()?
        .into_iter()
        .map(|stored| stored.event)
        .collect())
}
