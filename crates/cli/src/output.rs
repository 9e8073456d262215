//! Printing results for people (tables) and machines (CSV, JSON).

use anyhow::Result;
use clap::ValueEnum;
use lakeforge_lake::datafusion::arrow::array::RecordBatch;
use lakeforge_lake::datafusion::arrow::datatypes::SchemaRef;
use lakeforge_lake::datafusion::arrow::{csv, json, util::pretty};

/// How a listing or a result set is printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// An aligned table for people.
    #[default]
    Table,
    /// CSV with a header row.
    Csv,
    /// A JSON array of objects.
    Json,
}

/// Writes record batches of `schema` to standard output in `format`. An empty result still
/// prints its header (table and CSV).
pub fn print_batches(schema: SchemaRef, batches: &[RecordBatch], format: Format) -> Result<()> {
    let empty;
    let batches = if batches.is_empty() {
        empty = [RecordBatch::new_empty(schema)];
        &empty[..]
    } else {
        batches
    };
    let stdout = std::io::stdout();
    match format {
        Format::Table => println!("{}", pretty::pretty_format_batches(batches)?),
        Format::Csv => {
            let mut writer = csv::WriterBuilder::new()
                .with_header(true)
                .build(stdout.lock());
            for batch in batches {
                writer.write(batch)?;
            }
        }
        Format::Json => {
            let mut writer = json::ArrayWriter::new(stdout.lock());
            for batch in batches {
                writer.write(batch)?;
            }
            writer.finish()?;
            println!();
        }
    }
    Ok(())
}

/// Prints rows of cells as an aligned table with a header.
pub fn print_table(header: &[&str], rows: &[Vec<String>]) {
    let mut table = comfy_table::Table::new();
    table.load_preset(comfy_table::presets::UTF8_BORDERS_ONLY);
    table.set_header(header.iter().copied());
    for row in rows {
        table.add_row(row.iter().cloned());
    }
    println!("{table}");
}
