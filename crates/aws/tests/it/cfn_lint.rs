//! cfn-lint (PyPI, pinned in CI) reports no errors on any synthesized template.

use std::process::Command;

use crate::common::{minimal, retail, skip};
use lakeforge_aws::CloudAssembly;

/// The Python running cfn-lint: env LAKEFORGE_PYTHON, default `python3`.
fn python() -> String {
    std::env::var("LAKEFORGE_PYTHON").unwrap_or_else(|_| "python3".to_owned())
}

/// cfn-lint's console entry point, run by that Python (cfn-lint has no `__main__`).
const CFN_LINT: &str =
    "import sys; from cfnlint.runner import main; sys.argv[0] = 'cfn-lint'; sys.exit(main())";

/// Runs cfn-lint over every template of `assembly`; `None` when skipped.
fn lint(assembly: &CloudAssembly) -> Option<(bool, String)> {
    let python = python();
    let available = Command::new(&python)
        .args(["-c", CFN_LINT, "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !available {
        skip(&format!(
            "cfn-lint is not installed for {python}; install it with `pip install -r .ci/requirements.txt` (cfn-lint==1.58.0) and set LAKEFORGE_PYTHON"
        ));
        return None;
    }
    let out = tempfile::tempdir().expect("a temporary folder");
    assembly
        .write_to(out.path())
        .expect("the assembly is written");
    let templates: Vec<_> = assembly
        .stacks()
        .iter()
        .map(|s| out.path().join(s.template_file()))
        .collect();
    // Errors only: warnings and informational findings do not fail.
    let output = Command::new(&python)
        .args(["-c", CFN_LINT, "--format", "parseable", "--"])
        .args(&templates)
        .output()
        .expect("cfn-lint runs");
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let errors: Vec<&str> = text.lines().filter(|l| l.contains(":E")).collect();
    Some((
        errors.is_empty(),
        format!(
            "{}\n{}",
            errors.join("\n"),
            String::from_utf8_lossy(&output.stderr)
        ),
    ))
}

#[test]
fn retail_templates_have_no_cfn_lint_errors() {
    if let Some((clean, report)) = lint(&retail()) {
        assert!(clean, "cfn-lint errors:\n{report}");
    }
}

#[test]
fn minimal_templates_have_no_cfn_lint_errors() {
    if let Some((clean, report)) = lint(&minimal()) {
        assert!(clean, "cfn-lint errors:\n{report}");
    }
}
