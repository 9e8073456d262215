//! The `lakeforge` command line. Thin by design: parse arguments, call a crate, print.

mod commands;
mod output;
mod project;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Compose a data lake + warehouse project in a few lines, run it here, ship it to AWS.
#[derive(Debug, Parser)]
#[command(name = "lakeforge", version, about, long_about = None)]
struct Cli {
    /// Run as if started in DIR (the project folder holding lakeforge.toml), like `git -C`.
    #[arg(short = 'C', global = true, value_name = "DIR", default_value = ".")]
    project_dir: PathBuf,
    /// Print only results and errors: no progress bars or notes.
    #[arg(short, long, global = true)]
    quiet: bool,
    /// Also print every OpenLineage event as a JSON line on stderr (`console`); the same as
    /// LAKEFORGE_LINEAGE=console.
    #[arg(long, global = true, value_name = "TRANSPORT", value_parser = ["console"])]
    lineage: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Init(commands::init::Args),
    Validate(commands::validate::Args),
    Load(commands::load::Args),
    Tables(commands::tables::Args),
    Query(commands::query::Args),
    Demo(commands::demo::Args),
    Synth(commands::synth::SynthArgs),
    Check(commands::synth::CheckArgs),
    Nag(commands::nag::Args),
    Stream(commands::stream::Args),
    Ingest(commands::ingest::Args),
    Simulate(commands::simulate::Args),
    Cdc(commands::cdc::CdcArgs),
    Bench(commands::bench::Args),
    Dbt(commands::dbt::Args),
    Lineage(commands::lineage::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let context = project::Context {
        dir: cli.project_dir,
        quiet: cli.quiet,
        lineage_console: cli.lineage.is_some(),
    };
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        match cli.command {
            Command::Init(args) => commands::init::run(&context, args),
            Command::Validate(args) => commands::validate::run(&context, args),
            Command::Load(args) => commands::load::run(&context, args).await,
            Command::Tables(args) => commands::tables::run(&context, args).await,
            Command::Query(args) => commands::query::run(&context, args).await,
            Command::Demo(args) => commands::demo::run(&context, args).await,
            Command::Synth(args) => commands::synth::run_synth(&context, args),
            Command::Check(args) => commands::synth::run_check(&context, args),
            Command::Nag(args) => commands::nag::run(&context, args),
            Command::Stream(args) => commands::stream::run(&context, args).await,
            Command::Ingest(args) => commands::ingest::run(&context, args).await,
            Command::Simulate(args) => commands::simulate::run(&context, args).await,
            Command::Cdc(args) => commands::cdc::run(&context, args).await,
            Command::Bench(args) => commands::bench::run(&context, args).await,
            Command::Dbt(args) => commands::dbt::run(&context, args).await,
            Command::Lineage(args) => commands::lineage::run(&context, args).await,
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => match error.downcast_ref::<commands::dbt::Exit>() {
            Some(commands::dbt::Exit(code)) => ExitCode::from(*code as u8),
            None => {
                eprintln!("error: {error:#}");
                ExitCode::FAILURE
            }
        },
    }
}
