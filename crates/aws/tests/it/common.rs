//! Shared fixtures: the specs under test and a runner for external tools.

use std::path::{Path, PathBuf};

use lakeforge_aws::{CloudAssembly, SynthOptions, synth};
use lakeforge_spec::{Spec, templates};
use serde_json::Value;

/// The repository's examples folder (holding retail.toml and its post-deploy code).
pub fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

/// The retail example spec.
pub fn retail_spec() -> Spec {
    Spec::from_path(examples_dir().join("retail.toml")).expect("examples/retail.toml is valid")
}

/// The `lakeforge init` minimal spec.
pub fn minimal_spec() -> Spec {
    templates::MINIMAL
        .parse()
        .expect("the minimal template is valid")
}

/// The retail example synthesized with default options.
pub fn retail() -> CloudAssembly {
    synth(&retail_spec(), &examples_dir(), &SynthOptions::default()).expect("retail synthesizes")
}

/// The minimal template synthesized with default options.
pub fn minimal() -> CloudAssembly {
    synth(&minimal_spec(), &examples_dir(), &SynthOptions::default()).expect("minimal synthesizes")
}

/// Every resource of every stack: (stack, logical id, resource).
pub fn resources(assembly: &CloudAssembly) -> Vec<(String, String, Value)> {
    let mut all = Vec::new();
    for stack in assembly.stacks() {
        if let Some(resources) = stack.template()["Resources"].as_object() {
            for (id, resource) in resources {
                all.push((stack.name().to_owned(), id.clone(), resource.clone()));
            }
        }
    }
    all
}

/// Resources of `kind` across the assembly.
pub fn of_type(assembly: &CloudAssembly, kind: &str) -> Vec<(String, String, Value)> {
    resources(assembly)
        .into_iter()
        .filter(|(_, _, r)| r["Type"] == kind)
        .collect()
}

/// Whether an external check must run (env LAKEFORGE_REQUIRE_SERVICES=1):
/// then a missing tool fails the test instead of skipping it.
pub fn required() -> bool {
    std::env::var("LAKEFORGE_REQUIRE_SERVICES").is_ok_and(|v| v == "1")
}

/// Skips (prints why and returns true) or, when required, panics.
pub fn skip(reason: &str) -> bool {
    assert!(!required(), "LAKEFORGE_REQUIRE_SERVICES=1 but {reason}");
    eprintln!("skipped: {reason}");
    true
}
