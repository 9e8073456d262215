//! A lake in a temporary folder with a copy of a test dbt project, and helpers to invoke
//! `dbt` commands and read tables.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use lakeforge_lake::datafusion::arrow::array::{Array, RecordBatch};
use lakeforge_lake::{Lake, LakeRoot};
use lakeforge_transform::{DbtArgs, DbtCommand, invoke};

/// The project id (dbt's database) of the test lakes.
pub const DATABASE: &str = "shop";

/// A test project: a lake and a dbt project folder, both temporary.
pub struct Workspace {
    /// Keeps the folder alive.
    _dir: tempfile::TempDir,
    /// The dbt project.
    pub project: PathBuf,
    /// The lake.
    pub lake: Lake,
}

/// Copies `tests/projects/<name>` into a fresh workspace.
pub fn workspace(name: &str) -> Workspace {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("dbt");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/projects")
            .join(name),
        &project,
    );
    let root = LakeRoot::parse(
        &format!("file://{}", dir.path().join("lake").display()),
        None,
    )
    .unwrap();
    let lake = Lake::new(root, vec![DATABASE.to_string()], Some(DATABASE.to_string()));
    Workspace {
        _dir: dir,
        project,
        lake,
    }
}

/// Copies a folder, leaving out dbt's `target/` and `logs/`.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_name() == "target" || entry.file_name() == "logs" {
            continue;
        }
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// What an invocation printed, shared with the writer it was given.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// An invocation's exit code and output.
pub struct Outcome {
    /// dbt's exit code.
    pub code: i32,
    /// The log lines.
    pub output: String,
}

impl Workspace {
    /// Flags for a command in this workspace's project.
    pub fn args(&self, command: DbtCommand) -> DbtArgs {
        DbtArgs::new(command, &self.project)
    }

    /// Runs an invocation.
    pub async fn dbt(&self, args: DbtArgs) -> Outcome {
        let captured = Captured::default();
        let code = invoke(
            &self.lake,
            Some(DATABASE),
            &args,
            Box::new(captured.clone()),
        )
        .await;
        let output = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
        Outcome { code, output }
    }

    /// Runs a command with `--select`/`--exclude` given as words.
    pub async fn run(&self, command: DbtCommand, select: &[&str]) -> Outcome {
        let mut args = self.args(command);
        args.select = select.iter().map(|s| s.to_string()).collect();
        self.dbt(args).await
    }

    /// Rows of a query, each cell as text (`NULL` for nulls), in the query's order.
    pub async fn rows(&self, sql: &str) -> Vec<Vec<String>> {
        let batches = self.lake.sql(sql).await.unwrap().collect().await.unwrap();
        cells(&batches)
    }

    /// Writes a file of the dbt project.
    pub fn write(&self, relative: &str, text: &str) {
        let path = self.project.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

/// Cells of record batches as text.
pub fn cells(batches: &[RecordBatch]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for batch in batches {
        for row in 0..batch.num_rows() {
            out.push(
                batch
                    .columns()
                    .iter()
                    .map(|c| {
                        if c.is_null(row) {
                            "NULL".to_string()
                        } else {
                            lakeforge_lake::datafusion::arrow::util::display::array_value_to_string(
                                c, row,
                            )
                            .unwrap()
                        }
                    })
                    .collect(),
            );
        }
    }
    out
}

/// Whether tests that need an external tool must fail instead of skipping.
pub fn services_required() -> bool {
    std::env::var("LAKEFORGE_REQUIRE_SERVICES").is_ok_and(|v| v == "1")
}

/// Skips (returns true after printing why) or, under `LAKEFORGE_REQUIRE_SERVICES=1`, panics.
pub fn skip_or_fail(reason: &str) -> bool {
    assert!(!services_required(), "required tool missing: {reason}");
    eprintln!("skipped: {reason}");
    true
}

/// The dbt oracle's virtualenv (`LAKEFORGE_DBT_VENV`, default /var/tmp/lakeforge-dbt-venv),
/// if it has dbt.
pub fn dbt_venv() -> Option<PathBuf> {
    let venv = PathBuf::from(
        std::env::var("LAKEFORGE_DBT_VENV")
            .unwrap_or_else(|_| "/var/tmp/lakeforge-dbt-venv".to_string()),
    );
    venv.join("bin/dbt").is_file().then_some(venv)
}
