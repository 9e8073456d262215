//! `lakeforge bench dbt`: wall time of `dbt build` (parse + compile + run) on the retail
//! template's models over the demo's data, and parse and build of a generated project of
//! many models, beside dbt-core with dbt-duckdb on the same data in the same run. Both run
//! as processes, timed from outside.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Result, bail};
use lakeforge_lake::Lake;

use super::figures::Figures;
use super::peer;
use crate::output::Format;
use crate::project::Context;

/// Benchmark dbt projects beside dbt-core + dbt-duckdb.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Customers the retail data is simulated with.
    #[arg(long, default_value_t = 1_000)]
    customers: u32,
    /// Days simulated.
    #[arg(long, default_value_t = 30)]
    days: u32,
    /// Models of the generated project.
    #[arg(long, default_value_t = 1_000)]
    models: usize,
    /// The virtualenv with dbt-core and dbt-duckdb (default: $LAKEFORGE_DBT_VENV, else
    /// /var/tmp/lakeforge-dbt-venv; install it with .ci/install-dbt.sh).
    #[arg(long)]
    dbt_venv: Option<PathBuf>,
    /// Keep the working folder here instead of a temporary one.
    #[arg(long)]
    keep: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// The retail template's dbt sources, as lake tables to copy into DuckDB.
const RETAIL_SOURCES: &[&str] = &[
    "bronze.clickstream",
    "silver.c360raw__c360_customer",
    "silver.c360raw__c360_product",
    "silver.c360raw__c360_order_items",
    "silver.c360raw__c360_support_chat",
];

pub async fn run(context: &Context, args: Args) -> Result<()> {
    let (work, _temporary) = super::work_dir(context, args.keep.as_deref())?;
    let venv = args
        .dbt_venv
        .clone()
        .or_else(|| std::env::var_os("LAKEFORGE_DBT_VENV").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("/var/tmp/lakeforge-dbt-venv"));
    let dbt = venv.join("bin/dbt");
    if !dbt.is_file() {
        bail!(
            "no dbt at {}: install the peer with `bash .ci/install-dbt.sh {}`",
            dbt.display(),
            venv.display()
        );
    }
    let mut figures = Figures::default();

    // Retail: the demo's data, the template's models.
    let retail = work.join("retail");
    let project = super::retail_with_demo_data(&retail, args.customers, args.days).await?;
    let (_, lake) = project.lake()?;
    let duckdb_file = work.join("retail.duckdb");
    copy_to_duckdb(&lake, &work, &venv, &duckdb_file, RETAIL_SOURCES).await?;
    let peer_project = work.join("retail-dbt-duckdb");
    copy_tree(&retail.join("dbt"), &peer_project)?;
    write_duckdb_profile(&peer_project, "retail", &duckdb_file)?;
    let ours = peer::lakeforge(&retail, &["dbt", "build"], &[])?;
    let theirs = dbt_process(&dbt, &peer_project, "build")?;
    figures.add("retail dbt build: lakeforge", ours, "s");
    figures.add("retail dbt build: dbt-core + dbt-duckdb", theirs, "s");
    figures.add(
        "retail dbt build: ratio (dbt-core / lakeforge)",
        theirs / ours,
        "x",
    );

    // A generated project of many models.
    let generated = work.join("generated");
    generate_project(&generated, args.models)?;
    let gen_lake = Context {
        dir: generated.clone(),
        quiet: true,
        lineage_console: false,
    };
    std::fs::write(
        generated.join("lakeforge.toml"),
        "[lake]\nroot = \"file://./lake\"\n[projects.bench]\ndbt_project = \"dbt\"\n",
    )?;
    gen_lake.spec()?;
    let peer_generated = work.join("generated-dbt-duckdb");
    copy_tree(&generated.join("dbt"), &peer_generated)?;
    write_duckdb_profile(&peer_generated, "generated", &work.join("generated.duckdb"))?;
    let ours_parse = peer::lakeforge(&generated, &["dbt", "parse"], &[])?;
    let theirs_parse = dbt_process(&dbt, &peer_generated, "parse")?;
    let models = args.models;
    figures.add(format!("{models}-model parse: lakeforge"), ours_parse, "s");
    figures.add(format!("{models}-model parse: dbt-core"), theirs_parse, "s");
    let ours_build = peer::lakeforge(&generated, &["dbt", "build"], &[])?;
    let theirs_build = dbt_process(&dbt, &peer_generated, "build")?;
    figures.add(format!("{models}-model build: lakeforge"), ours_build, "s");
    figures.add(
        format!("{models}-model build: dbt-core + dbt-duckdb"),
        theirs_build,
        "s",
    );
    figures.add(
        format!("{models}-model build: ratio (dbt-core / lakeforge)"),
        theirs_build / ours_build,
        "x",
    );
    figures.note(format!(
        "retail data: {} customers × {} days; both sides run as processes, timed from outside",
        args.customers, args.days
    ));
    figures.print("dbt build beside dbt-core + dbt-duckdb", args.format)
}

/// dbt-core running `command` in a project, timed.
fn dbt_process(dbt: &Path, project: &Path, command: &str) -> Result<f64> {
    let mut process = Command::new(dbt);
    process
        .args([command, "--quiet", "--project-dir"])
        .arg(project)
        .arg("--profiles-dir")
        .arg(project)
        .env("DO_NOT_TRACK", "1");
    peer::timed(&mut process)
}

/// Copies lake tables into a DuckDB file (as Parquet first), keeping their zone as schema.
async fn copy_to_duckdb(
    lake: &Lake,
    work: &Path,
    venv: &Path,
    file: &Path,
    tables: &[&str],
) -> Result<()> {
    let export = work.join("export");
    std::fs::create_dir_all(&export)?;
    let mut script = String::from("import duckdb, sys\ncon = duckdb.connect(sys.argv[1])\n");
    for table in tables {
        let (zone, name) = table.split_once('.').expect("zone.table");
        let frame = lake.sql(&format!("SELECT * FROM {table}")).await?;
        let folder = format!("{}/", export.join(table).display());
        frame
            .write_parquet(&folder, Default::default(), None)
            .await?;
        writeln!(
            script,
            "con.execute(\"CREATE SCHEMA IF NOT EXISTS {zone}\")"
        )?;
        writeln!(
            script,
            "con.execute(\"CREATE OR REPLACE TABLE {zone}.{name} AS SELECT * FROM read_parquet('{folder}*.parquet')\")"
        )?;
    }
    let status = Command::new(venv.join("bin/python"))
        .arg("-c")
        .arg(&script)
        .arg(file)
        .status()?;
    if !status.success() {
        bail!("loading the tables into DuckDB failed");
    }
    Ok(())
}

fn write_duckdb_profile(project: &Path, profile: &str, file: &Path) -> Result<()> {
    let yml = std::fs::read_to_string(project.join("dbt_project.yml"))?;
    let name = yml
        .lines()
        .find_map(|l| l.strip_prefix("profile:"))
        .map(|p| p.trim().trim_matches('"').to_string())
        .unwrap_or_else(|| profile.to_string());
    std::fs::write(
        project.join("profiles.yml"),
        format!(
            "{name}:\n  target: duckdb\n  outputs:\n    duckdb:\n      type: duckdb\n      path: {}\n      schema: silver\n      threads: 4\n",
            file.display()
        ),
    )?;
    Ok(())
}

/// Copies a folder tree, leaving out dbt `target/` folders.
pub(super) fn copy_tree(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_name() == "target" {
            continue;
        }
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// A project of `models` models over one seed: every tenth a table, the rest views, each
/// reading one or two earlier models, with a unique test on every tenth.
fn generate_project(dir: &Path, models: usize) -> Result<()> {
    let dbt = dir.join("dbt");
    std::fs::create_dir_all(dbt.join("models"))?;
    std::fs::create_dir_all(dbt.join("seeds"))?;
    std::fs::create_dir_all(dbt.join("macros"))?;
    std::fs::write(
        dbt.join("dbt_project.yml"),
        "name: generated\nprofile: generated\nmodels:\n  generated:\n    +materialized: view\n",
    )?;
    std::fs::write(
        dbt.join("profiles.yml"),
        "generated:\n  target: dev\n  outputs:\n    dev:\n      type: lakeforge\n      database: bench\n      schema: silver\n      threads: 4\n",
    )?;
    let mut seed = String::from("id,grp,amount\n");
    for i in 0..1_000 {
        writeln!(seed, "{i},{},{}.{:02}", i % 17, i * 7 % 1000, i % 100)?;
    }
    std::fs::write(dbt.join("seeds/base.csv"), seed)?;
    let mut schema = String::from("version: 2\nmodels:\n");
    for i in 0..models {
        let source = match i {
            0 => "{{ ref('base') }}".to_string(),
            _ => format!("{{{{ ref('m{}') }}}}", (i - 1) / 2),
        };
        let materialized = if i % 10 == 0 { "table" } else { "view" };
        let sql = if i % 3 == 0 && i > 2 {
            format!(
                "{{{{ config(materialized='{materialized}') }}}}\nselect a.id, a.grp, a.amount + {i} as amount\nfrom {source} a\njoin {{{{ ref('m{}') }}}} b on a.id = b.id\nwhere a.amount >= 0\n",
                i - 2
            )
        } else {
            format!(
                "{{{{ config(materialized='{materialized}') }}}}\nselect id, grp, amount * 1 as amount\nfrom {source}\nwhere id % {} <> -1\n",
                i % 7 + 1
            )
        };
        std::fs::write(dbt.join("models").join(format!("m{i}.sql")), sql)?;
        if i % 10 == 0 {
            writeln!(
                schema,
                "  - name: m{i}\n    columns:\n      - name: id\n        tests: [unique]"
            )?;
        }
    }
    std::fs::write(dbt.join("models/schema.yml"), schema)?;
    Ok(())
}
