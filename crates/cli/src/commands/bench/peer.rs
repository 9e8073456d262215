//! Peers run beside lakeforge in the same benchmark run: DuckDB (through Python) for JSON
//! → Parquet, the servers' own clients for table dumps and change streams. Each returns
//! the seconds its work took, or an error saying what is missing.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context as _, Result, bail};

/// The Python interpreter with the `duckdb` package: `--python`, else `LAKEFORGE_PYTHON`,
/// else `python3`.
pub fn python(chosen: Option<&Path>) -> PathBuf {
    chosen
        .map(Path::to_path_buf)
        .or_else(|| std::env::var_os("LAKEFORGE_PYTHON").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("python3"))
}

/// How DuckDB lays out the Parquet it writes.
#[derive(Clone, Copy, Debug)]
pub enum Layout {
    /// One file.
    OneFile,
    /// Hive partitions `year=/month=/day=/hour=` of the `timestamp` field, as the delivery
    /// writes them.
    Hourly,
}

/// DuckDB converting a JSON-lines file to Parquet (`read_json_auto` → `COPY`), timed
/// inside Python so interpreter start-up does not count. Returns (seconds, version).
pub fn duckdb_json_to_parquet(
    python: &Path,
    jsonl: &Path,
    out: &Path,
    layout: Layout,
) -> Result<(f64, String)> {
    const SCRIPT: &str = include_str!("duckdb_peer.py");
    let layout = match layout {
        Layout::OneFile => "one",
        Layout::Hourly => "hourly",
    };
    let output = Command::new(python)
        .arg("-c")
        .arg(SCRIPT)
        .arg(jsonl)
        .arg(out)
        .arg(layout)
        .output()
        .with_context(|| format!("running {}", python.display()))?;
    if !output.status.success() {
        bail!(
            "DuckDB via {} failed (pip install duckdb?): {}",
            python.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let mut words = text.split_whitespace();
    let seconds = words
        .next()
        .and_then(|s| s.parse().ok())
        .with_context(|| format!("DuckDB printed `{text}`"))?;
    Ok((seconds, words.next().unwrap_or("?").to_owned()))
}

/// Runs `command` to completion, timed; fails with its standard error.
pub fn timed(command: &mut Command) -> Result<f64> {
    let program = command.get_program().to_string_lossy().into_owned();
    let start = Instant::now();
    let output = command
        .output()
        .with_context(|| format!("running {program} (is it installed?)"))?;
    if !output.status.success() {
        bail!(
            "{program} failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(start.elapsed().as_secs_f64())
}

/// This binary running `args` (quietly) in project `dir` with the variables `env` set, timed
/// from outside.
pub fn lakeforge(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Result<f64> {
    let exe = std::env::current_exe().context("finding the lakeforge binary")?;
    let mut command = Command::new(exe);
    command.arg("-C").arg(dir).arg("--quiet").args(args);
    command.envs(env.iter().copied());
    timed(&mut command)
}
