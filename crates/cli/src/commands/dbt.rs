//! `lakeforge dbt`: dbt's commands and flags, running a dbt project on the lake.

use std::path::PathBuf;

use anyhow::{Result, bail};
use lakeforge_transform::{DbtArgs, DbtCommand};

use crate::project::Context;

/// Run a dbt project unchanged on the lake: dbt's commands, flags, artifacts and exit codes
/// (0 success, 1 a node failed, 2 usage or configuration error). Relations are
/// `project.zone.table`: the profile's output has `type: lakeforge`, `schema: <zone>`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  lakeforge dbt build\n  lakeforge dbt run --select +customers --full-refresh\n  lakeforge dbt test -s tag:nightly --exclude stg_orders\n  lakeforge dbt source freshness\n  lakeforge dbt docs generate"
)]
pub struct Args {
    #[command(subcommand)]
    command: Sub,
}

#[derive(Debug, clap::Subcommand)]
enum Sub {
    /// Seeds, models, snapshots and tests, in DAG order.
    Build(Flags),
    /// Build the selected models.
    Run(Flags),
    /// Run the selected data tests.
    Test(Flags),
    /// Load the CSV seeds.
    Seed(Flags),
    /// Run the snapshots (SCD type 2).
    Snapshot(Flags),
    /// Compile SQL into target/compiled without running it.
    Compile(Flags),
    /// List resources.
    #[command(alias = "list")]
    Ls(ListFlags),
    /// Parse the project and write target/manifest.json.
    Parse(Flags),
    /// Remove the clean-targets of dbt_project.yml.
    Clean(Flags),
    /// Sources: `source freshness`.
    Source {
        #[command(subcommand)]
        command: SourceSub,
    },
    /// Documentation: `docs generate`.
    Docs {
        #[command(subcommand)]
        command: DocsSub,
    },
}

#[derive(Debug, clap::Subcommand)]
enum SourceSub {
    /// How old each source's newest data is, against its freshness thresholds.
    Freshness(Flags),
}

#[derive(Debug, clap::Subcommand)]
enum DocsSub {
    /// Write target/catalog.json and a static documentation site.
    Generate(Flags),
}

/// dbt's flags.
#[derive(Debug, Clone, clap::Args)]
struct Flags {
    /// The dbt project folder (default: the spec's [projects.<id>] dbt_project).
    #[arg(long = "project-dir", id = "dbt_project_dir")]
    project_dir: Option<PathBuf>,
    /// Where profiles.yml is (default: DBT_PROFILES_DIR, the project folder, ~/.dbt).
    #[arg(long)]
    profiles_dir: Option<PathBuf>,
    /// The profile output to use.
    #[arg(short, long)]
    target: Option<String>,
    /// Nodes to select (dbt's selection syntax).
    #[arg(short, long, num_args = 1.., action = clap::ArgAction::Append)]
    select: Vec<String>,
    /// Nodes to leave out.
    #[arg(long, num_args = 1.., action = clap::ArgAction::Append)]
    exclude: Vec<String>,
    /// A selector of selectors.yml.
    #[arg(long)]
    selector: Option<String>,
    /// Rebuild incremental models and seeds from scratch.
    #[arg(long)]
    full_refresh: bool,
    /// Variables as YAML, e.g. '{start_date: 2026-01-01}'.
    #[arg(long)]
    vars: Option<String>,
    /// Worker threads (default: the profile's).
    #[arg(long)]
    threads: Option<usize>,
    /// Stop at the first failure.
    #[arg(short = 'x', long)]
    fail_fast: bool,
    /// A folder with a previous manifest.json, for state:modified.
    #[arg(long)]
    state: Option<PathBuf>,
    /// Where artifacts go (default: the project's target-path).
    #[arg(long)]
    target_path: Option<PathBuf>,
}

#[derive(Debug, Clone, clap::Args)]
struct ListFlags {
    #[command(flatten)]
    flags: Flags,
    /// Only these resource types (model, seed, test, snapshot, source, analysis).
    #[arg(long = "resource-type", num_args = 1.., action = clap::ArgAction::Append)]
    resource_types: Vec<String>,
    /// selector (default), name, path or json.
    #[arg(long)]
    output: Option<String>,
}

/// A dbt exit code other than 0, carried to `main`.
#[derive(Debug)]
pub struct Exit(pub i32);

impl std::fmt::Display for Exit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "dbt exited with {}", self.0)
    }
}

impl std::error::Error for Exit {}

pub async fn run(context: &Context, args: Args) -> Result<()> {
    let (command, flags, list) = match args.command {
        Sub::Build(f) => (DbtCommand::Build, f, None),
        Sub::Run(f) => (DbtCommand::Run, f, None),
        Sub::Test(f) => (DbtCommand::Test, f, None),
        Sub::Seed(f) => (DbtCommand::Seed, f, None),
        Sub::Snapshot(f) => (DbtCommand::Snapshot, f, None),
        Sub::Compile(f) => (DbtCommand::Compile, f, None),
        Sub::Ls(l) => (DbtCommand::Ls, l.flags.clone(), Some(l)),
        Sub::Parse(f) => (DbtCommand::Parse, f, None),
        Sub::Clean(f) => (DbtCommand::Clean, f, None),
        Sub::Source {
            command: SourceSub::Freshness(f),
        } => (DbtCommand::SourceFreshness, f, None),
        Sub::Docs {
            command: DocsSub::Generate(f),
        } => (DbtCommand::DocsGenerate, f, None),
    };
    let (spec, lake) = context.lake()?;
    // Paths are relative to the project folder, as if started there (`-C`).
    let within = |path: PathBuf| context.dir.join(path);
    let project_dir = match flags.project_dir.clone() {
        Some(dir) => within(dir),
        None => {
            let default = spec.default_project();
            let found = spec
                .projects
                .iter()
                .filter(|(id, p)| {
                    p.dbt_project.is_some() && (default.is_none() || default == Some(id.as_str()))
                })
                .find_map(|(_, p)| p.dbt_project.clone());
            match found {
                Some(folder) => context.dir.join(folder),
                None => bail!(
                    "no dbt project: pass --project-dir, or set dbt_project = \"dbt\" in [projects.<id>] of {}",
                    context.spec_path().display()
                ),
            }
        }
    };
    let mut dbt = DbtArgs::new(command, project_dir);
    dbt.profiles_dir = flags.profiles_dir.map(within);
    dbt.target = flags.target;
    dbt.select = flags.select;
    dbt.exclude = flags.exclude;
    dbt.selector = flags.selector;
    dbt.full_refresh = flags.full_refresh;
    dbt.vars = flags.vars;
    dbt.threads = flags.threads;
    dbt.fail_fast = flags.fail_fast;
    dbt.state = flags.state.map(within);
    dbt.target_path = flags.target_path.map(within);
    dbt.quiet = context.quiet;
    dbt.progress = std::io::IsTerminal::is_terminal(&std::io::stderr());
    if let Some(list) = list {
        dbt.resource_types = list.resource_types;
        dbt.output = list.output;
    }
    let lineage = context.lineage(&spec)?;
    dbt.lineage = Some(lineage.clone());
    let code = lakeforge_transform::invoke(
        &lake,
        spec.default_project(),
        &dbt,
        Box::new(std::io::stdout()),
    )
    .await;
    lineage.close().await;
    if code == 0 {
        Ok(())
    } else {
        Err(Exit(code).into())
    }
}
