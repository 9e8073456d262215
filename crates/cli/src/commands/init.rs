//! `lakeforge init`: scaffold a project that validates at once.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use clap::ValueEnum;
use lakeforge_spec::{Spec, templates};

use crate::project::{Context, SPEC_FILE};

/// Create a project folder: lakeforge.toml, a README, models/, post-deploy code and (retail)
/// a dbt project in dbt/.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  lakeforge init shop --template retail\n  lakeforge -C shop validate"
)]
pub struct Args {
    /// The folder to create (relative to -C); default: the -C folder itself.
    dir: Option<PathBuf>,
    /// What to start from: the seed's full retail composition, or one project.
    #[arg(long, value_enum, default_value_t = Template::Retail)]
    template: Template,
    /// Overwrite an existing lakeforge.toml.
    #[arg(long)]
    force: bool,
}

/// The project templates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Template {
    /// Core + retail lakes, streaming, CDC, post-deploy code, simulator, use cases, provisioning.
    Retail,
    /// One project with its bronze, silver and gold zones.
    Minimal,
}

pub fn run(context: &Context, args: Args) -> Result<()> {
    let dir = match &args.dir {
        Some(dir) => context.dir.join(dir),
        None => context.dir.clone(),
    };
    let spec = scaffold(&dir, args.template, args.force)?;
    if !context.quiet {
        println!(
            "created {} with {} constructs",
            dir.join(SPEC_FILE).display(),
            spec.constructs().len()
        );
        println!(
            "next: lakeforge -C {} validate, then lakeforge -C {} load FILE --table NAME",
            dir.display(),
            dir.display()
        );
    }
    Ok(())
}

/// Writes the project files into `dir` and returns the validated spec.
pub fn scaffold(dir: &Path, template: Template, force: bool) -> Result<Spec> {
    let spec_path = dir.join(SPEC_FILE);
    if spec_path.exists() && !force {
        bail!(
            "{} already exists: pick another folder, or pass --force to overwrite it",
            spec_path.display()
        );
    }
    let (spec_text, extra_files): (&str, &[&[(&str, &str)]]) = match template {
        Template::Retail => (
            templates::RETAIL,
            &[
                templates::RETAIL_POST_DEPLOY_FILES,
                templates::RETAIL_DBT_FILES,
            ],
        ),
        Template::Minimal => (templates::MINIMAL, &[]),
    };
    write(&spec_path, spec_text)?;
    write(&dir.join("README.md"), PROJECT_README)?;
    write(&dir.join(".gitignore"), "/.lakeforge/\n/lake/\n/cdk.out/\n")?;
    write(&dir.join("models/.gitkeep"), "")?;
    for (relative, contents) in extra_files.iter().flat_map(|files| files.iter()) {
        write(&dir.join(relative), contents)?;
    }
    Spec::from_path(&spec_path)
        .map_err(|errors| crate::project::report_spec_errors(&spec_path, &errors))
}

fn write(path: &Path, contents: &str) -> Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    }
    fs::write(path, contents).with_context(|| format!("writing {}", path.display()))
}

const PROJECT_README: &str = "# A lakeforge project\n\n\
`lakeforge.toml` describes this data lake + warehouse: its projects and zones (bronze, silver, gold),\n\
streaming and CDC ingestion, post-deploy code, the retail simulator, use cases and provisioning.\n\n\
```sh\n\
lakeforge validate                                  # check the spec, list its constructs\n\
lakeforge load orders.csv --table bronze.orders     # load CSV / JSON lines / Parquet into a Delta table\n\
lakeforge tables                                    # tables with zone, rows, size, version\n\
lakeforge query \"SELECT count(*) FROM bronze.orders\" # SQL over every zone\n\
```\n\n\
Tables live under `lake/<project>-<zone>/<table>/` as Delta tables; `.lakeforge/` holds local state.\n";
