//! `lakeforge ingest cdc`, `lakeforge cdc status` and `lakeforge cdc teardown`: the DMS
//! construct run locally.

use anyhow::{Context as _, Result, bail};
use lakeforge_cdc::{Phase, RunMode, pipeline::describe};
use lakeforge_ingest::cdc::CdcRun;
use lakeforge_lake::Lake;
use lakeforge_spec::Spec;

use crate::output::{Format, print_table};
use crate::project::{Context, construct};

/// Options of `lakeforge ingest cdc`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  lakeforge ingest cdc retail-sales-support --until-caught-up\n  lakeforge ingest cdc retail-sales-support --full-load-only --format json"
)]
pub struct IngestArgs {
    /// The [cdc.<id>] construct.
    id: String,
    /// Keep capturing and applying until Ctrl-C.
    #[arg(long, conflicts_with_all = ["until_caught_up", "full_load_only"])]
    follow: bool,
    /// Capture what is committed at the source now, apply it, stop (the default).
    #[arg(long)]
    until_caught_up: bool,
    /// Only the full load (if it is not done yet).
    #[arg(long, conflicts_with = "until_caught_up")]
    full_load_only: bool,
    /// Summary format at the end.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// Options of `lakeforge cdc`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  lakeforge cdc status retail-sales-support --format json\n  lakeforge cdc teardown retail-sales-support"
)]
pub struct CdcArgs {
    #[command(subcommand)]
    command: CdcCommand,
}

#[derive(Debug, clap::Subcommand)]
enum CdcCommand {
    /// The committed position, the source's position, and the lag.
    #[command(after_help = "Example:\n  lakeforge cdc status retail-sales-support")]
    Status {
        /// The [cdc.<id>] construct.
        id: String,
        /// table for people, json for machines.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Remove what capture installed in the source: the PostgreSQL replication slot (which
    /// otherwise keeps WAL) and publication, or the SQLite triggers and change table.
    /// Landed and merged data stay; the next `ingest cdc` starts capture again.
    #[command(after_help = "Example:\n  lakeforge cdc teardown retail-sales-support")]
    Teardown {
        /// The [cdc.<id>] construct.
        id: String,
    },
}

/// The run of `[cdc.<id>]`, with its capture state under `.lakeforge/cdc/<id>`.
fn cdc_run(context: &Context, spec: &Spec, lake: &Lake, id: &str) -> Result<CdcRun> {
    let mut ingestion = construct(&spec.cdc, "cdc", id)?.clone();
    ingestion.source.url = ingestion
        .source
        .url
        .map(|url| context.sqlite_url(&url))
        .transpose()?;
    let state = context.dir.join(".lakeforge/cdc").join(id);
    Ok(CdcRun::new(lake, id, &ingestion, state))
}

pub async fn run_ingest(context: &Context, args: IngestArgs) -> Result<()> {
    let (spec, lake) = context.lake()?;
    let lineage = context.lineage(&spec)?;
    let run = cdc_run(context, &spec, &lake, &args.id)?.with_lineage(lineage.clone());
    let problems = run.pipeline().check_source_config().await?;
    if !problems.is_empty() {
        bail!(
            "the source is not ready for change data capture:\n{}",
            describe(&problems)
        );
    }
    let mode = match (args.follow, args.full_load_only) {
        (true, _) => RunMode::Follow,
        (_, true) => RunMode::FullLoadOnly,
        _ => RunMode::UntilCaughtUp,
    };
    let quiet = context.quiet;
    let running = run.run(mode, |p| {
        if !quiet {
            let phase = match p.phase {
                Phase::FullLoad => "full load",
                Phase::Changes => "changes",
            };
            let lag = p
                .lag_seconds
                .map_or("-".to_string(), |l| format!("{l:.1}s"));
            eprintln!(
                "{phase}: {} rows ({:.0}/s), lag {lag}",
                p.rows, p.rows_per_second
            );
        }
    });
    let summary = tokio::select! {
        summary = running => summary,
        _ = tokio::signal::ctrl_c(), if mode == RunMode::Follow => {
            eprintln!("stopped; what was committed is landed and will be applied on the next run");
            lineage.close().await;
            return Ok(());
        }
    };
    lineage.close().await;
    let summary = summary?;
    match args.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&summary)?),
        Format::Table | Format::Csv => {
            println!(
                "landed {} full-load rows and {} change rows; applied {} rows in {} batches",
                summary.capture.full_load_rows,
                summary.capture.change_rows,
                summary.apply.rows,
                summary.apply.batches
            );
            let rows: Vec<Vec<String>> = summary
                .apply
                .tables
                .iter()
                .map(|t| {
                    vec![
                        t.source.clone(),
                        t.silver.clone(),
                        t.rows.to_string(),
                        t.rows_after.to_string(),
                    ]
                })
                .collect();
            print_table(
                &["source table", "silver table", "rows applied", "rows now"],
                &rows,
            );
        }
    }
    Ok(())
}

pub async fn run(context: &Context, args: CdcArgs) -> Result<()> {
    match args.command {
        CdcCommand::Status { id, format } => status(context, &id, format).await,
        CdcCommand::Teardown { id } => {
            let (spec, lake) = context.lake()?;
            cdc_run(context, &spec, &lake, &id)?
                .pipeline()
                .teardown()
                .await
                .context("removing capture from the source")?;
            if !context.quiet {
                println!("capture of [cdc.{id}] removed from its source; landed data kept");
            }
            Ok(())
        }
    }
}

async fn status(context: &Context, id: &str, format: Format) -> Result<()> {
    let (spec, lake) = context.lake()?;
    let run = cdc_run(context, &spec, &lake, id)?;
    let status = run
        .pipeline()
        .status()
        .await
        .context("reading the CDC state")?;
    match format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&status)?),
        Format::Table | Format::Csv => {
            let show = |p: &Option<lakeforge_cdc::Position>| {
                p.as_ref().map_or("-".to_string(), ToString::to_string)
            };
            let rows = vec![
                vec!["started".to_string(), status.started.to_string()],
                vec![
                    "last batch".to_string(),
                    status.last_batch.map_or("-".into(), |b| b.to_string()),
                ],
                vec!["committed position".to_string(), show(&status.position)],
                vec!["source position".to_string(), show(&status.source_position)],
                vec!["caught up".to_string(), status.caught_up.to_string()],
                vec![
                    "seconds since last landed commit".to_string(),
                    status
                        .seconds_since_last_commit
                        .map_or("-".into(), |s| format!("{s:.1}")),
                ],
            ];
            print_table(&["", id], &rows);
        }
    }
    Ok(())
}
