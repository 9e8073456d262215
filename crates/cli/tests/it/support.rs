//! Running the binary, and reading what it leaves behind.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// Runs `lakeforge -C dir args...` and returns its output.
pub fn lakeforge(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lakeforge"))
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .expect("the lakeforge binary runs")
}

/// Runs and asserts success; returns standard output.
pub fn ok(dir: &Path, args: &[&str]) -> String {
    let output = lakeforge(dir, args);
    assert!(
        output.status.success(),
        "lakeforge {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// Runs and asserts exit code 1; returns standard error.
pub fn fails(dir: &Path, args: &[&str]) -> String {
    let output = lakeforge(dir, args);
    assert_eq!(
        output.status.code(),
        Some(1),
        "lakeforge {args:?} should fail"
    );
    String::from_utf8(output.stderr).unwrap()
}

/// Whether a missing service or oracle fails a test instead of skipping it
/// (`LAKEFORGE_REQUIRE_SERVICES=1`, as CI sets it).
pub fn services_required() -> bool {
    std::env::var("LAKEFORGE_REQUIRE_SERVICES").is_ok_and(|v| v == "1")
}

/// The files of a project's local lineage store, oldest first.
pub fn lineage_files(project: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(project.join(".lakeforge/lineage"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "jsonl"))
        .collect();
    files.sort();
    files
}

/// Every event of a project's local lineage store, in the order written.
pub fn lineage_events(project: &Path) -> Vec<Value> {
    lineage_files(project)
        .iter()
        .flat_map(|file| {
            std::fs::read_to_string(file)
                .unwrap()
                .lines()
                .map(|line| serde_json::from_str(line).unwrap())
                .collect::<Vec<Value>>()
        })
        .collect()
}

/// A small dbt project `mini` in `shop/mini` (profile `mini`, schema gold) with the seed
/// `people` (`id,name`: ada, grace) and the given models (`name`, SQL); returns its folder.
pub fn mini_dbt_project(shop: &Path, models: &[(&str, &str)]) -> PathBuf {
    let project = shop.join("mini");
    std::fs::create_dir_all(project.join("models")).unwrap();
    std::fs::create_dir_all(project.join("seeds")).unwrap();
    std::fs::write(
        project.join("dbt_project.yml"),
        "name: mini\nprofile: mini\n",
    )
    .unwrap();
    std::fs::write(
        project.join("profiles.yml"),
        "mini:\n  target: dev\n  outputs:\n    dev:\n      type: lakeforge\n      schema: gold\n",
    )
    .unwrap();
    std::fs::write(
        project.join("seeds/people.csv"),
        "id,name\n1,ada\n2,grace\n",
    )
    .unwrap();
    for (name, sql) in models {
        std::fs::write(project.join("models").join(format!("{name}.sql")), sql).unwrap();
    }
    project
}
