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

/// DuckDB converting a JSON-lines file to one Parquet file (`read_json_auto` → `COPY`),
/// timed inside Python so interpreter start-up does not count. Returns (seconds, version).
pub fn duckdb_json_to_parquet(
    python: &Path,
    jsonl: &Path,
    parquet: &Path,
) -> Result<(f64, String)> {
    const SCRIPT: &str = "import sys, time, duckdb\n\
        con = duckdb.connect()\n\
        start = time.perf_counter()\n\
        con.execute(\"COPY (SELECT * FROM read_json_auto(?)) TO '\" + sys.argv[2].replace(\"'\", \"''\") + \"' (FORMAT parquet)\", [sys.argv[1]])\n\
        print(time.perf_counter() - start, duckdb.__version__)\n";
    let output = Command::new(python)
        .arg("-c")
        .arg(SCRIPT)
        .arg(jsonl)
        .arg(parquet)
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

/// Runs `program args…` to completion, timed; fails with its standard error.
pub fn timed(program: &str, args: &[&str]) -> Result<f64> {
    let start = Instant::now();
    let output = Command::new(program)
        .args(args)
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
