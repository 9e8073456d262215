//! Integration tests of lakeforge-spec: parsing, defaults, errors with exact
//! positions, the builder, round trips, the examples and robustness.

mod builder;
mod defaults;
mod display;
mod examples;
mod fuzz;
mod parsing;
mod roundtrip;
mod semantic;
mod structure;
mod summary;
mod syntax;
mod zones;

use lakeforge_spec::{ErrorKind, Spec, SpecError, SpecErrors};

/// Parses `text` as `lakeforge.toml`.
pub fn load(text: &str) -> Result<Spec, SpecErrors> {
    Spec::from_str_named(text, "lakeforge.toml")
}

/// Parses `text`, which must be valid.
pub fn valid(text: &str) -> Spec {
    load(text).unwrap_or_else(|e| panic!("expected a valid spec, got:\n{e}"))
}

/// Every error of `text`, which must be invalid.
pub fn errors(text: &str) -> Vec<SpecError> {
    match load(text) {
        Ok(spec) => panic!("expected errors, got a valid spec: {spec:#?}"),
        Err(e) => e.into_vec(),
    }
}

/// The single error of `text`.
pub fn only_error(text: &str) -> SpecError {
    let mut all = errors(text);
    assert_eq!(
        all.len(),
        1,
        "expected one error, got:\n{}",
        SpecErrors::new(all.clone())
    );
    all.remove(0)
}

/// Asserts kind, line and column of `e`.
#[track_caller]
pub fn assert_at(e: &SpecError, kind: ErrorKind, line: usize, column: usize) {
    let pos = e.position.unwrap_or_else(|| panic!("no position: {e}"));
    assert_eq!(
        (e.kind, pos.line, pos.column),
        (kind, line, column),
        "unexpected error:\n{e}"
    );
    assert_eq!(e.file.as_deref(), Some("lakeforge.toml"));
    assert!(!e.message.is_empty() && !e.help.is_empty(), "{e}");
}
