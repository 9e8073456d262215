//! `lakeforge nag`: compliance packs over any CloudFormation template.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use clap::ValueEnum;
use lakeforge_nag::{Level, Pack, Report, ReportFormat, Template, check, report_file_name};

use crate::project::Context;

/// Check CloudFormation templates with cdk-nag's packs (AwsSolutions, HIPAA.Security,
/// NIST.800.53.R4, NIST.800.53.R5, PCI.DSS.321); honours cdk_nag suppressions in the templates.
/// Exits 1 when unsuppressed findings at or above --fail-on remain.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  lakeforge nag cdk.out --packs AwsSolutions,HIPAA.Security --out reports\n  cat stack.yaml | lakeforge nag - --fail-on warning"
)]
pub struct Args {
    /// Templates (JSON or YAML), folders or cloud assemblies (every template in them), or - for stdin.
    #[arg(required = true)]
    paths: Vec<String>,
    /// Packs to apply, comma separated.
    #[arg(long, value_delimiter = ',', default_value = "AwsSolutions")]
    packs: Vec<String>,
    /// Write `<Pack>-<Stack>-NagReport.<csv|json>` files here.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Report file format.
    #[arg(long, value_enum, default_value_t = FileFormat::Csv)]
    format: FileFormat,
    /// The lowest level that fails the check.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,
}

/// Report file formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FileFormat {
    Csv,
    Json,
}

/// Gate levels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
}

pub fn run(context: &Context, args: Args) -> Result<()> {
    let packs = packs_by_name(&args.packs)?;
    let mut templates = Vec::new();
    for path in &args.paths {
        templates.extend(read_templates(&context.dir, path)?);
    }
    let level = match args.fail_on {
        FailOn::Error => Level::Error,
        FailOn::Warning => Level::Warning,
    };
    let format = match args.format {
        FileFormat::Csv => ReportFormat::Csv,
        FileFormat::Json => ReportFormat::Json,
    };
    let out = args.out.map(|dir| context.dir.join(dir));
    gate(
        &templates,
        &packs,
        out.as_deref(),
        format,
        level,
        context.quiet,
    )
}

/// Resolves pack names, listing the valid ones on a typo.
pub fn packs_by_name(names: &[String]) -> Result<Vec<Pack>> {
    names
        .iter()
        .map(|name| {
            Pack::by_name(name).with_context(|| {
                let valid: Vec<&str> = lakeforge_nag::packs::ALL.iter().map(|p| p.name).collect();
                format!("unknown pack `{name}`; packs: {}", valid.join(", "))
            })
        })
        .collect()
}

/// Checks templates with packs, writes reports, prints the summary, and fails when
/// unsuppressed findings at or above `level` remain.
pub fn gate(
    templates: &[Template],
    packs: &[Pack],
    out: Option<&Path>,
    format: ReportFormat,
    level: Level,
    quiet: bool,
) -> Result<()> {
    let mut failures = 0;
    for template in templates {
        let report = check(template, packs);
        if let Some(dir) = out {
            write_reports(dir, &report, packs, format)?;
        }
        let failing = report.failures(level);
        if failing > 0 || !quiet {
            eprint!("{}", report.summary());
        }
        failures += failing;
    }
    if failures > 0 {
        bail!(
            "{failures} unsuppressed finding(s) at level {} or above: fix them, or suppress each with a reason in Metadata.cdk_nag.rules_to_suppress",
            level.as_str()
        );
    }
    Ok(())
}

fn write_reports(dir: &Path, report: &Report, packs: &[Pack], format: ReportFormat) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    for pack in packs {
        let body = match format {
            ReportFormat::Csv => report.to_csv(pack.name),
            ReportFormat::Json => report.to_json(pack.name),
        };
        let path = dir.join(report_file_name(pack.name, &report.stack_name, format));
        std::fs::write(&path, body).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}

/// The templates a path names: a file, `-` (stdin), or every template in a folder.
fn read_templates(base: &Path, path: &str) -> Result<Vec<Template>> {
    if path == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("reading stdin")?;
        return Ok(vec![Template::parse(&text, "stdin")?]);
    }
    let path = base.join(path);
    if !path.is_dir() {
        return Ok(vec![Template::load(&path)?]);
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&path)
        .with_context(|| format!("reading {}", path.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| is_template_file(p))
        .collect();
    files.sort();
    if files.is_empty() {
        bail!(
            "{} holds no templates (*.template.json, *.json, *.yaml, *.yml)",
            path.display()
        );
    }
    files.iter().map(|f| Ok(Template::load(f)?)).collect()
}

fn is_template_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let is_assembly_file =
        name == "manifest.json" || name == "tree.json" || name.ends_with(".assets.json");
    !is_assembly_file
        && [".json", ".yaml", ".yml", ".template"]
            .iter()
            .any(|ext| name.ends_with(ext))
}
