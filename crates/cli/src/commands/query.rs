//! `lakeforge query`: SQL over the lake.

use anyhow::Result;

use crate::output::{Format, print_batches};
use crate::project::Context;

/// Run SQL over every zone. Tables are `project.zone.table`; `zone.table` and `table` resolve
/// in the default project. Time travel: `FROM t VERSION AS OF 3` or `TIMESTAMP AS OF '…'`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  lakeforge query \"SELECT status, count(*) FROM bronze.orders GROUP BY status\"\n  lakeforge query \"SELECT * FROM retail.bronze.orders VERSION AS OF 0\" --format csv"
)]
pub struct Args {
    /// The SQL statement.
    sql: String,
    /// table for people; csv or json for machines.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub async fn run(context: &Context, args: Args) -> Result<()> {
    let (_, lake) = context.lake()?;
    let frame = lake.sql(&args.sql).await?;
    let schema = std::sync::Arc::new(frame.schema().as_arrow().clone());
    let batches = frame.collect().await?;
    print_batches(schema, &batches, args.format)
}
