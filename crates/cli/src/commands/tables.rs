//! `lakeforge tables`: list the lake's tables.

use anyhow::Result;
use lakeforge_lake::TableInfo;

use crate::output::{Format, print_table};
use crate::project::Context;

/// List every Delta table with its zone, row count, size and version.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  lakeforge tables --format json")]
pub struct Args {
    /// table for people, json for machines.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub async fn run(context: &Context, args: Args) -> Result<()> {
    let (_, lake) = context.lake()?;
    print(&lake.tables().await?, args.format)
}

/// Prints a table listing for people (table, csv) or machines (json).
pub fn print(tables: &[TableInfo], format: Format) -> Result<()> {
    match format {
        Format::Json => println!("{}", serde_json::to_string_pretty(tables)?),
        Format::Table | Format::Csv => {
            let rows: Vec<Vec<String>> = tables
                .iter()
                .map(|t| {
                    vec![
                        t.project.clone(),
                        t.zone.clone(),
                        t.table.clone(),
                        t.rows.to_string(),
                        indicatif::HumanBytes(t.bytes).to_string(),
                        t.version.to_string(),
                        t.partition_columns.join(","),
                    ]
                })
                .collect();
            print_table(
                &[
                    "project",
                    "zone",
                    "table",
                    "rows",
                    "size",
                    "version",
                    "partitioned by",
                ],
                &rows,
            );
        }
    }
    Ok(())
}
