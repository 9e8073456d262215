//! Finding and loading the project a command runs in.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use lakeforge_lake::Lake;
use lakeforge_lineage::{Lineage, LineageConfig};
use lakeforge_spec::Spec;

/// The spec file's name in a project folder.
pub const SPEC_FILE: &str = "lakeforge.toml";

/// Global options every command sees.
#[derive(Debug)]
pub struct Context {
    /// The project folder (`-C`).
    pub dir: PathBuf,
    /// `--quiet`: no progress or notes.
    pub quiet: bool,
    /// `--lineage console`: print lineage events on stderr too.
    pub lineage_console: bool,
}

impl Context {
    /// The spec file of the project folder.
    pub fn spec_path(&self) -> PathBuf {
        self.dir.join(SPEC_FILE)
    }

    /// Loads and validates the project's spec.
    pub fn spec(&self) -> Result<Spec> {
        let path = self.spec_path();
        if !path.exists() {
            bail!(
                "no {SPEC_FILE} in {}: run `lakeforge init` to create a project, or pass -C DIR",
                display_dir(&self.dir)
            );
        }
        Spec::from_path(&path).map_err(|errors| report_spec_errors(&path, &errors))
    }

    /// Makes a relative `sqlite://` path relative to the project folder (creating its folder);
    /// other URLs come back unchanged.
    pub fn sqlite_url(&self, url: &str) -> Result<String> {
        let Some(path) = url.strip_prefix("sqlite://") else {
            return Ok(url.to_string());
        };
        let (file, query) = path
            .split_once('?')
            .map_or((path, None), |(f, q)| (f, Some(q)));
        let file = Path::new(file);
        if file.is_absolute() || file.as_os_str().is_empty() || path.starts_with(":memory:") {
            return Ok(url.to_string());
        }
        let absolute =
            std::path::absolute(self.dir.join(file)).context("resolving the SQLite path")?;
        if let Some(parent) = absolute.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating {}", parent.display()))?;
        }
        Ok(match query {
            Some(q) => format!("sqlite://{}?{q}", absolute.display()),
            None => format!("sqlite://{}", absolute.display()),
        })
    }

    /// The lineage emitter of the spec's default project: the local store under
    /// `.lakeforge/lineage/`, the project's OpenLineage endpoint and the OPENLINEAGE_*
    /// variables. Call [`Lineage::close`] before the command ends.
    pub fn lineage(&self, spec: &Spec) -> Result<Lineage> {
        let project = spec.default_project().unwrap_or("lakeforge");
        let mut config =
            LineageConfig::for_project(&self.dir, project, spec.openlineage_url(project))?;
        config.console |= self.lineage_console;
        Ok(Lineage::new(config)?)
    }

    /// The project's lake.
    pub fn lake(&self) -> Result<(Spec, Lake)> {
        let spec = self.spec()?;
        let lake = Lake::from_spec(&spec, &self.dir).context("opening the lake")?;
        Ok((spec, lake))
    }
}

/// Prints spec errors compiler-style (each names file:line:column) and returns a summary error.
pub fn report_spec_errors(path: &Path, errors: &lakeforge_spec::SpecErrors) -> anyhow::Error {
    eprintln!("{errors}");
    anyhow::anyhow!("{} is not valid: fix the errors above", path.display())
}

fn display_dir(dir: &Path) -> String {
    if dir == Path::new(".") {
        "the current folder".to_string()
    } else {
        dir.display().to_string()
    }
}

/// The construct `[<table>.<id>]` of a spec table (e.g. `spec.cdc` with `table` "cdc"), or
/// an error naming the ones the spec declares.
pub fn construct<'a, T>(
    constructs: &'a BTreeMap<String, T>,
    table: &str,
    id: &str,
) -> Result<&'a T> {
    constructs.get(id).with_context(|| {
        let known: Vec<&str> = constructs.keys().map(String::as_str).collect();
        if known.is_empty() {
            format!("no [{table}.{id}] in the spec, which declares no [{table}.*] constructs")
        } else {
            format!(
                "no [{table}.{id}] in the spec; declared: {}",
                known.join(", ")
            )
        }
    })
}
