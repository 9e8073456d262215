//! `lakeforge load`: load a file into a Delta table.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Result;
use clap::ValueEnum;
use indicatif::{ProgressBar, ProgressStyle};
use lakeforge_lake::load::{FileFormat, LoadSummary, ProgressFn};
use lakeforge_lake::{Lake, TableRef, WriteMode, WriteOptions};
use lakeforge_lineage::facets::{ColumnLineage, OutputStatistics};
use lakeforge_lineage::{Dataset, DatasetId, DatasetKind, JobSpec};
use lakeforge_spec::Zone;

use crate::project::Context;

/// Files at least this large get a progress bar.
const PROGRESS_BAR_BYTES: u64 = 8 * 1024 * 1024;

/// Load CSV (with a header), JSON lines or Parquet into a Delta table; the schema is inferred.
/// The table name is `table`, `zone.table` or `project.zone.table` (zone default: bronze).
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  lakeforge load orders.csv --table bronze.orders\n  lakeforge load events.jsonl --table retail.silver.events --partition-by day --mode overwrite"
)]
pub struct Args {
    /// The file to load (a relative path is relative to the project folder, as `-C` makes it).
    file: PathBuf,
    /// The table to write.
    #[arg(long)]
    table: String,
    /// append adds rows (new columns join the schema); overwrite replaces the table.
    #[arg(long, value_enum, default_value_t = Mode::Append)]
    mode: Mode,
    /// The file's format; default: from its extension.
    #[arg(long, value_parser = parse_format)]
    input_format: Option<FileFormat>,
    /// Partition columns when the load creates or overwrites the table, comma separated.
    #[arg(long, value_delimiter = ',')]
    partition_by: Vec<String>,
}

/// The write modes on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Mode {
    Append,
    Overwrite,
}

fn parse_format(text: &str) -> Result<FileFormat, String> {
    text.parse()
}

pub async fn run(context: &Context, args: Args) -> Result<()> {
    let (spec, lake) = context.lake()?;
    let lineage = context.lineage(&spec)?;
    let mode = match args.mode {
        Mode::Append => WriteMode::Append,
        Mode::Overwrite => WriteMode::Overwrite,
    };
    let options = WriteOptions {
        mode,
        partition_by: args.partition_by,
        app_transaction: None,
        plain_encoding: false,
    };
    let table = lake.table_ref(&args.table, Zone::Bronze)?;
    // Relative to the project folder, as if started there (`-C`).
    let file = context.dir.join(&args.file);
    let source = source_dataset(&file)?;
    let run = lineage.start(
        JobSpec::batch(format!("load.{table}")),
        vec![source.clone().input()],
        vec![
            lake.lineage_dataset(&table, DatasetKind::Table)
                .output(None),
        ],
        None,
    );
    let loaded = load(
        &lake,
        &file,
        &table,
        args.input_format,
        &options,
        context.quiet,
    )
    .await;
    match &loaded {
        Ok(summary) => {
            let (written, commit) = lake.lineage_written(&table).await?;
            let columns = written.columns();
            let lineage_facet =
                ColumnLineage::identity(&source.id.namespace, &source.id.name, columns);
            let statistics = match commit {
                Some(commit) => commit.output(summary.rows),
                None => OutputStatistics {
                    row_count: summary.rows,
                    size: None,
                    file_count: None,
                },
            };
            run.complete(
                vec![source.input()],
                vec![
                    written
                        .with_column_lineage(lineage_facet)
                        .output(Some(statistics)),
                ],
            );
        }
        Err(error) => run.fail(&format!("{error:#}"), vec![source.input()], Vec::new()),
    }
    lineage.close().await;
    let summary = loaded?;
    if !context.quiet {
        println!(
            "loaded {} rows into {} (version {})",
            summary.rows, summary.table, summary.version
        );
    }
    Ok(())
}

/// The loaded file as a dataset: its absolute path in the `file` namespace.
fn source_dataset(file: &Path) -> Result<Dataset> {
    let path = std::path::absolute(file)?;
    Ok(Dataset::external(DatasetId {
        namespace: "file".to_string(),
        name: path.display().to_string(),
    }))
}

/// Loads one file, with a progress bar for large files on a terminal.
pub async fn load(
    lake: &Lake,
    file: &Path,
    table: &TableRef,
    format: Option<FileFormat>,
    options: &WriteOptions,
    quiet: bool,
) -> Result<LoadSummary> {
    let format = match format {
        Some(format) => format,
        None => FileFormat::from_path(file)?,
    };
    let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    let bar = (!quiet && size >= PROGRESS_BAR_BYTES && std::io::stderr().is_terminal())
        .then(|| progress_bar(size));
    let progress: Option<ProgressFn> = bar.clone().map(|bar| {
        Arc::new(move |p: lakeforge_lake::load::LoadProgress| {
            bar.set_position(p.bytes);
            bar.set_message(format!("{} rows", p.rows));
        }) as ProgressFn
    });
    let summary = lake.load_file(file, table, format, options, progress).await;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    Ok(summary?)
}

fn progress_bar(size: u64) -> ProgressBar {
    let bar = ProgressBar::new(size);
    bar.set_style(
        ProgressStyle::with_template(
            "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} {msg} eta {eta}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}
