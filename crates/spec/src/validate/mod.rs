//! Semantic validation: ids, references, ranges and formats, for specs read
//! from TOML and specs built in code alike.
//!
//! Checks produce [`Issue`]s that name a key path; the loader turns paths into
//! file positions, a builder spec shows the dotted path instead.

mod apps;
pub(crate) mod formats;
pub(crate) mod hive;
mod ids;
mod infra;
mod ingest;
pub(crate) mod names;
mod post_deploy;
mod project;

use std::ops::RangeInclusive;
use std::path::Path;

use crate::error::{ErrorKind, SpecError, SpecErrors};
use crate::model::Spec;
use crate::path::{self, Seg};
use crate::suggest;

/// Which part of a `key = value` an issue points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Focus {
    /// The key (or a table's name in its header).
    Key,
    /// The value.
    Value,
}

/// One problem found by validation, located by key path.
#[derive(Clone, Debug)]
pub(crate) struct Issue {
    pub kind: ErrorKind,
    pub path: Vec<Seg>,
    pub focus: Focus,
    pub message: String,
    pub help: String,
}

impl Issue {
    /// The error without a file: the dotted path says where.
    pub(crate) fn into_builder_error(self) -> SpecError {
        SpecError {
            kind: self.kind,
            file: None,
            position: None,
            path: path::dotted(&self.path),
            message: self.message,
            help: self.help,
        }
    }
}

/// Collects issues; helpers phrase the common kinds the same way everywhere.
#[derive(Default)]
pub(crate) struct Report {
    pub issues: Vec<Issue>,
}

impl Report {
    /// Records an issue.
    pub(crate) fn push(
        &mut self,
        kind: ErrorKind,
        path: Vec<Seg>,
        focus: Focus,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.issues.push(Issue {
            kind,
            path,
            focus,
            message: message.into(),
            help: help.into(),
        });
    }

    /// `value` must lie in `range`; `why` (may be empty) explains the limit.
    pub(crate) fn range(
        &mut self,
        path: Vec<Seg>,
        value: u32,
        range: RangeInclusive<u32>,
        why: &str,
    ) {
        if range.contains(&value) {
            return;
        }
        let message = format!(
            "`{}` = {value} in {} is out of range",
            path::last_key(&path),
            path::parent_label(&path)
        );
        let help = format!("use a value from {} to {}{why}", range.start(), range.end());
        self.push(ErrorKind::OutOfRange, path, Focus::Value, message, help);
    }

    /// An id or name checked by a naming rule; `rule` explains the rule.
    pub(crate) fn name(
        &mut self,
        path: Vec<Seg>,
        focus: Focus,
        what: &str,
        name: &str,
        result: Result<(), String>,
        rule: &str,
    ) {
        if let Err(why) = result {
            let message = format!("invalid {what} `{name}`: {why}");
            self.push(ErrorKind::InvalidName, path, focus, message, rule);
        }
    }

    /// A string value checked by a format rule; `help` says what is expected.
    pub(crate) fn format(
        &mut self,
        path: Vec<Seg>,
        value: &str,
        result: Result<(), String>,
        help: &str,
    ) {
        if let Err(why) = result {
            let message = format!(
                "invalid `{}` = {value:?} in {}: {why}",
                path::last_key(&path),
                path::parent_label(&path)
            );
            self.push(ErrorKind::InvalidValue, path, Focus::Value, message, help);
        }
    }

    /// A required string that is empty (absent keys take an empty default).
    pub(crate) fn required(&mut self, path: Vec<Seg>, value: &str, help: &str) -> bool {
        if !value.is_empty() {
            return true;
        }
        let message = format!(
            "missing required key `{}` in {}",
            path::last_key(&path),
            path::parent_label(&path)
        );
        self.push(ErrorKind::MissingKey, path, Focus::Value, message, help);
        false
    }

    /// `target` must be one of `declared` (things of kind `what`, declared as `[section.<id>]`).
    pub(crate) fn reference<'a>(
        &mut self,
        path: Vec<Seg>,
        target: &str,
        what: &str,
        section: &str,
        declared: impl IntoIterator<Item = &'a str>,
    ) -> bool {
        let declared: Vec<&str> = declared.into_iter().collect();
        if declared.contains(&target) {
            return true;
        }
        let message = format!(
            "`{}` in {} names {what} `{target}`, which is not declared",
            path::last_key(&path),
            path::parent_label(&path)
        );
        let help = suggest::valid_list(
            &format!("declared {what}s"),
            target,
            declared,
            &format!("no {what} is declared; add a [{section}.{target}] table"),
        );
        self.push(
            ErrorKind::UnknownReference,
            path,
            Focus::Value,
            message,
            help,
        );
        false
    }
}

/// Every semantic check of `spec`. Folders named by the spec are checked only
/// when `spec_dir` (the spec file's folder) is given.
pub(crate) fn validate(spec: &Spec, spec_dir: Option<&Path>) -> Vec<Issue> {
    let mut report = Report::default();
    infra::check(spec, &mut report);
    ids::check(spec, &mut report);
    project::check(spec, &mut report);
    ingest::check(spec, &mut report);
    post_deploy::check(spec, spec_dir, &mut report);
    apps::check(spec, &mut report);
    report.issues
}

impl Spec {
    /// Checks ids, references, ranges and formats. Errors carry the dotted key
    /// path (there is no file). Folders named by `post_deploy` are not checked
    /// here, since a spec built in code has no folder; see [`Spec::validate_in`].
    pub fn validate(&self) -> Result<(), SpecErrors> {
        into_result(validate(self, None))
    }

    /// [`Spec::validate`], plus: every `post_deploy` folder (and its handler
    /// module, when no `command` is set) exists relative to `spec_dir`.
    pub fn validate_in(&self, spec_dir: &Path) -> Result<(), SpecErrors> {
        into_result(validate(self, Some(spec_dir)))
    }
}

/// `Ok` when there are no issues, else builder-style errors.
fn into_result(issues: Vec<Issue>) -> Result<(), SpecErrors> {
    if issues.is_empty() {
        Ok(())
    } else {
        Err(SpecErrors::new(
            issues.into_iter().map(Issue::into_builder_error).collect(),
        ))
    }
}
