//! `lakeforge validate`: check the spec and list its constructs.

use anyhow::Result;

use crate::output::{Format, print_table};
use crate::project::Context;

/// Check lakeforge.toml and print the constructs it declares.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  lakeforge -C shop validate --format json")]
pub struct Args {
    /// table for people, json for machines.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn run(context: &Context, args: Args) -> Result<()> {
    let spec = context.spec()?;
    let constructs = spec.constructs();
    match args.format {
        Format::Json => {
            let listing: Vec<serde_json::Value> = constructs
                .iter()
                .map(|c| serde_json::json!({"construct": c.kind, "id": c.id, "detail": c.detail}))
                .collect();
            println!("{}", serde_json::to_string_pretty(&listing)?);
        }
        Format::Table | Format::Csv => {
            let rows: Vec<Vec<String>> = constructs
                .iter()
                .map(|c| vec![c.kind.to_string(), c.id.clone(), c.detail.clone()])
                .collect();
            print_table(&["construct", "id", "detail"], &rows);
            if !context.quiet {
                println!("{} is valid", context.spec_path().display());
            }
        }
    }
    Ok(())
}
