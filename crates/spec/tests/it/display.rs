//! How errors read.

use lakeforge_spec::{ErrorKind, Position, SpecError, SpecErrors};

fn error(file: Option<&str>, position: Option<Position>, path: &str) -> SpecError {
    SpecError {
        kind: ErrorKind::UnknownReference,
        file: file.map(str::to_owned),
        position,
        path: path.to_owned(),
        message: "what".to_owned(),
        help: "how".to_owned(),
    }
}

#[test]
fn file_errors_show_file_line_and_column_then_help() {
    let e = error(
        Some("lakeforge.toml"),
        Some(Position {
            line: 12,
            column: 18,
        }),
        "projects.core",
    );
    assert_eq!(
        e.to_string(),
        "lakeforge.toml:12:18: error: what\n  help: how"
    );
    let e = error(Some("lakeforge.toml"), None, "");
    assert_eq!(e.to_string(), "lakeforge.toml: error: what\n  help: how");
}

#[test]
fn builder_errors_show_the_key_path() {
    let e = error(None, None, "projects.core.reuse_airflow");
    assert_eq!(
        e.to_string(),
        "<builder>: projects.core.reuse_airflow: error: what\n  help: how"
    );
    assert_eq!(
        error(None, None, "").to_string(),
        "<builder>: error: what\n  help: how"
    );
}

#[test]
fn all_errors_are_shown_one_after_another() {
    let errors = SpecErrors::new(vec![
        error(None, None, "a"),
        error(Some("f.toml"), Some(Position { line: 1, column: 2 }), "b"),
    ]);
    assert_eq!(
        errors.to_string(),
        "<builder>: a: error: what\n  help: how\nf.toml:1:2: error: what\n  help: how"
    );
    let boxed: Box<dyn std::error::Error> = Box::new(errors.clone());
    assert!(boxed.to_string().contains("f.toml:1:2"));
    assert_eq!(errors.len(), 2);
    assert_eq!((&errors).into_iter().count(), 2);
}

#[test]
fn an_error_from_a_real_file_reads_as_documented() {
    let errors = crate::errors("[projects.core]\nhas_emr = true\nhas_emrr = true\n");
    assert_eq!(
        errors[0].to_string().lines().next(),
        Some("lakeforge.toml:3:1: error: unknown key `has_emrr` in [projects.core]")
    );
    assert!(
        errors[0]
            .to_string()
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("  help: valid keys are has_emr, ")
    );
}

#[test]
fn errors_serialize_for_machine_output() {
    let errors = crate::errors("[projects.core]\nhas_emrr = true\n");
    let value = toml::Value::try_from(&errors[0]).expect("serializable");
    assert_eq!(value["kind"].as_str(), Some("unknown_key"));
    assert_eq!(value["file"].as_str(), Some("lakeforge.toml"));
    assert_eq!(value["position"]["line"].as_integer(), Some(2));
    assert_eq!(value["position"]["column"].as_integer(), Some(1));
    assert_eq!(value["path"].as_str(), Some("projects.core.has_emrr"));
}
