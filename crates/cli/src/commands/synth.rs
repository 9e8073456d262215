//! `lakeforge synth` and `lakeforge check`: the AWS target, gated by the spec's nag packs.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use clap::ValueEnum;
use lakeforge_aws::{CloudAssembly, SynthOptions, TemplateFormat, synth};
use lakeforge_nag::{Level, Pack, ReportFormat, Template};
use lakeforge_spec::Spec;

use super::nag::{gate, packs_by_name};
use crate::project::Context;

/// Synthesize a CDK cloud assembly (CloudFormation for every construct) that
/// `cdk deploy --app cdk.out` deploys, and gate it with the spec's nag packs
/// ([provisioning] nag_packs; reports go next to the templates).
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  lakeforge synth\n  lakeforge synth --stack lakeforge-network --format yaml --out templates\n  cdk deploy --app cdk.out --all"
)]
pub struct SynthArgs {
    /// Where to write the assembly.
    #[arg(long, default_value = "cdk.out")]
    out: PathBuf,
    /// Only these stacks (repeat the flag for several).
    #[arg(long)]
    stack: Vec<String>,
    /// json writes a deployable cloud assembly; yaml writes the templates only, as YAML.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
}

/// Template formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Json,
    Yaml,
}

/// The CI gate: validate the spec, synthesize every stack into a temporary folder and run
/// the nag packs; exits 1 on any problem.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  lakeforge -C shop check")]
pub struct CheckArgs {}

pub fn run_synth(context: &Context, args: SynthArgs) -> Result<()> {
    let spec = context.spec()?;
    let assembly = synthesize(context, &spec)?;
    let assembly = if args.stack.is_empty() {
        assembly
    } else {
        assembly.select(&args.stack)?
    };
    let out = context.dir.join(&args.out);
    match args.format {
        Format::Json => assembly.write_to(&out)?,
        Format::Yaml => assembly.write_templates(&out, TemplateFormat::Yaml)?,
    }
    nag_gate(&spec, &assembly, Some(&out), context.quiet)?;
    if !context.quiet {
        let resources: usize = assembly.stacks().iter().map(|s| s.resource_count()).sum();
        println!(
            "wrote {} stacks ({resources} resources) to {}",
            assembly.stacks().len(),
            out.display()
        );
    }
    Ok(())
}

pub fn run_check(context: &Context, _args: CheckArgs) -> Result<()> {
    let spec = context.spec()?;
    let assembly = synthesize(context, &spec)?;
    let scratch = tempfile::tempdir().context("creating a temporary folder")?;
    assembly.write_to(scratch.path())?;
    nag_gate(&spec, &assembly, None, context.quiet)?;
    if !context.quiet {
        println!(
            "check passed: spec valid, {} stacks synthesized, packs {} clean",
            assembly.stacks().len(),
            spec_packs(&spec)?
                .iter()
                .map(|p| p.name)
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    Ok(())
}

fn synthesize(context: &Context, spec: &Spec) -> Result<CloudAssembly> {
    Ok(synth(spec, &context.dir, &SynthOptions::default())?)
}

fn spec_packs(spec: &Spec) -> Result<Vec<Pack>> {
    let names: Vec<String> = match &spec.provisioning {
        Some(provisioning) => provisioning
            .nag_packs
            .iter()
            .map(|p| p.as_str().to_string())
            .collect(),
        None => vec!["AwsSolutions".to_string()],
    };
    packs_by_name(&names)
}

/// Runs the spec's packs over every stack; unsuppressed errors fail, as cdk-nag does.
fn nag_gate(spec: &Spec, assembly: &CloudAssembly, out: Option<&Path>, quiet: bool) -> Result<()> {
    let templates = assembly
        .stacks()
        .iter()
        .map(|stack| Template::parse(stack.template_json(), &stack.template_file()))
        .collect::<Result<Vec<_>, _>>()?;
    gate(
        &templates,
        &spec_packs(spec)?,
        out,
        ReportFormat::Csv,
        Level::Error,
        quiet,
    )
}
