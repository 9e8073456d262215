//! Running the binary.

use std::path::Path;
use std::process::{Command, Output};

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
