//! Reading `lakeforge.toml`: syntax, then structure (keys and types), then
//! semantics, every problem reported with file, line and column.

mod locate;
mod sections;
mod serde_error;
mod source;
mod structure;

use std::path::Path;
use std::str::FromStr;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use crate::error::{ErrorKind, Position, SpecError, SpecErrors};
use crate::model::Spec;
use crate::validate;
use source::{Source, SpanMap};
use structure::{Checker, check_table};

impl Spec {
    /// Reads, parses and validates the spec file at `path`, including the
    /// folders it names (relative to the file's folder). Errors name `path` as given.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Spec, SpecErrors> {
        let path = path.as_ref();
        let name = path.display().to_string();
        let io_error = |message: String, help: &str, position: Option<Position>| SpecError {
            kind: ErrorKind::Io,
            file: Some(name.clone()),
            position,
            path: String::new(),
            message,
            help: help.to_owned(),
        };
        let bytes = std::fs::read(path).map_err(|e| {
            io_error(
                format!("cannot read the spec: {e}"),
                "check the path, or create a spec with `lakeforge init`",
                None,
            )
        })?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let valid = e.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
            io_error(
                "the spec is not valid UTF-8".to_owned(),
                "save the file as UTF-8",
                Some(Position::of_offset(&prefix, valid)),
            )
        })?;
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        parse(
            &Source {
                name: &name,
                text: &text,
            },
            Some(dir),
        )
    }

    /// Parses and validates spec `text`, naming it `file_name` in errors.
    ///
    /// There is no folder to resolve paths against, so `post_deploy` folders
    /// are not checked (use [`Spec::from_path`] or [`Spec::validate_in`]).
    pub fn from_str_named(text: &str, file_name: &str) -> Result<Spec, SpecErrors> {
        parse(
            &Source {
                name: file_name,
                text,
            },
            None,
        )
    }
}

impl FromStr for Spec {
    type Err = SpecErrors;

    /// [`Spec::from_str_named`] with the name `lakeforge.toml`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Spec::from_str_named(text, "lakeforge.toml")
    }
}

/// Syntax, structure, then semantics; each stage runs only when the one before passed.
fn parse(source: &Source<'_>, spec_dir: Option<&Path>) -> Result<Spec, SpecErrors> {
    let (root, syntax) = DeTable::parse_recoverable(source.text);
    if !syntax.is_empty() {
        return Err(sorted(
            syntax.iter().map(|e| syntax_error(source, e)).collect(),
        ));
    }
    let span = root.span();
    let table = root.into_inner();
    let spans = SpanMap::new(&table);
    let root = Spanned::new(span, DeValue::Table(table));

    let mut checker = Checker::new(source);
    check_table::<Spec>(&mut checker, &root, &[]);
    if !checker.errors.is_empty() {
        return Err(sorted(checker.errors));
    }
    let spec = Spec::deserialize(ValueDeserializer::from(root.clone())).map_err(|e| {
        let offset = e.span().map(|s| s.start);
        let error = source.error(
            ErrorKind::InvalidValue,
            offset,
            &[],
            e.message().to_owned(),
            "check this value against the documented format",
        );
        SpecErrors::from(error)
    })?;
    let issues = validate::validate(&spec, spec_dir);
    if issues.is_empty() {
        Ok(spec)
    } else {
        Err(sorted(
            issues
                .into_iter()
                .map(|i| source.issue(i, &spans))
                .collect(),
        ))
    }
}

/// A TOML syntax error, with a hint for the common ones.
fn syntax_error(source: &Source<'_>, error: &toml::de::Error) -> SpecError {
    let message = error.message().trim().to_owned();
    let help = if message.contains("duplicate key") {
        "each key may appear once in a table, and each [table] header once: remove or rename the repeated one"
    } else if message.contains("must be quoted") {
        "quote string values, e.g. key = \"value\""
    } else if message.contains("unclosed") || message.contains("expected `]`") {
        "close the bracket or quote that is left open"
    } else if message.contains("invalid") && message.contains("string") {
        "close the string on the same line with the quote it started with (or use \"\"\" for multi-line strings)"
    } else {
        "fix the TOML syntax here (see https://toml.io/en/v1.0.0)"
    };
    source.error(
        ErrorKind::Syntax,
        error.span().map(|s| s.start),
        &[],
        format!("invalid TOML: {message}"),
        help,
    )
}

/// Errors in file order (stable for equal positions).
fn sorted(mut errors: Vec<SpecError>) -> SpecErrors {
    errors.sort_by_key(|e| e.position);
    SpecErrors::new(errors)
}
