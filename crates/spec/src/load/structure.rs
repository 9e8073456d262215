//! Structural checks of a parsed document against the construct types:
//! unknown keys, wrong types and bad enumeration values, all of them reported
//! (not only the first), each at its own position.
//!
//! Valid keys come from the types themselves (`serde_introspect`), so the
//! lists cannot drift from the structs.

use std::ops::Range;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_aux::serde_introspection::serde_introspect;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::serde_error;
use super::source::Source;
use crate::error::{ErrorKind, SpecError};
use crate::model::{
    CdcIngestion, CdcSource, Destination, Lake, Network, PolicyStatement, PostDeployCode, Project,
    Provisioning, Simulator, Spec, Stream, StreamingIngestion, UseCases,
};
use crate::path::{self, Seg};
use crate::suggest;

/// Checks one value at a key path; `true` when it had no problem.
pub(crate) type CheckFn = fn(&mut Checker<'_>, &Spanned<DeValue<'_>>, &[Seg]) -> bool;

/// How a key holding more constructs is checked.
pub(crate) enum Nested {
    /// A single table of one construct type.
    Table(CheckFn),
    /// A table of constructs by id (`[projects.<id>]`).
    MapOf(CheckFn),
    /// An array of tables (`[[…policy_statements]]`).
    ArrayOf(CheckFn),
}

/// A table type of the spec: its keys are its serde field names.
pub(crate) trait Section: DeserializeOwned + Serialize + Default {
    /// The checker of `key` when it holds nested constructs.
    fn nested(_key: &str) -> Option<Nested> {
        None
    }
}

impl Section for Spec {
    fn nested(key: &str) -> Option<Nested> {
        Some(match key {
            "lake" => Nested::Table(check_table::<Lake>),
            "network" => Nested::Table(check_table::<Network>),
            "streams" => Nested::MapOf(check_table::<Stream>),
            "projects" => Nested::MapOf(check_table::<Project>),
            "streaming" => Nested::MapOf(check_table::<StreamingIngestion>),
            "cdc" => Nested::MapOf(check_table::<CdcIngestion>),
            "post_deploy" => Nested::MapOf(check_table::<PostDeployCode>),
            "simulator" => Nested::Table(check_table::<Simulator>),
            "use_cases" => Nested::Table(check_table::<UseCases>),
            "provisioning" => Nested::Table(check_table::<Provisioning>),
            _ => return None,
        })
    }
}

impl Section for StreamingIngestion {
    fn nested(key: &str) -> Option<Nested> {
        (key == "destination").then_some(Nested::Table(check_table::<Destination>))
    }
}

impl Section for CdcIngestion {
    fn nested(key: &str) -> Option<Nested> {
        match key {
            "source" => Some(Nested::Table(check_table::<CdcSource>)),
            "destination" => Some(Nested::Table(check_table::<Destination>)),
            _ => None,
        }
    }
}

impl Section for PostDeployCode {
    fn nested(key: &str) -> Option<Nested> {
        (key == "policy_statements").then_some(Nested::ArrayOf(check_table::<PolicyStatement>))
    }
}

impl Section for Lake {}
impl Section for Network {}
impl Section for Stream {}
impl Section for Project {}
impl Section for Destination {}
impl Section for CdcSource {}
impl Section for PolicyStatement {}
impl Section for Simulator {}
impl Section for UseCases {}
impl Section for Provisioning {}

/// Collects structural errors for one source text.
pub(crate) struct Checker<'a> {
    source: &'a Source<'a>,
    pub errors: Vec<SpecError>,
}

impl<'a> Checker<'a> {
    pub(crate) fn new(source: &'a Source<'a>) -> Self {
        Self {
            source,
            errors: Vec::new(),
        }
    }

    fn push(
        &mut self,
        kind: ErrorKind,
        offset: usize,
        path: &[Seg],
        message: String,
        help: String,
    ) {
        let error = self.source.error(kind, Some(offset), path, message, help);
        self.errors.push(error);
    }

    /// `value` at `path` is not a `wanted`.
    fn wrong_shape(
        &mut self,
        value: &Spanned<DeValue<'_>>,
        path: &[Seg],
        wanted: &str,
        help: String,
    ) {
        let subject = subject(path);
        let found = value.get_ref().type_str();
        let message = format!("{subject} must be {wanted}, not {}", with_article(found));
        self.push(
            ErrorKind::WrongType,
            value.span().start,
            path,
            message,
            help,
        );
    }
}

impl Nested {
    fn check(&self, cx: &mut Checker<'_>, value: &Spanned<DeValue<'_>>, at: &[Seg]) -> bool {
        match self {
            Self::Table(check) => check(cx, value, at),
            Self::MapOf(check) => {
                let DeValue::Table(entries) = value.get_ref() else {
                    let help = format!("write one [{}.<id>] table per entry", path::dotted(at));
                    cx.wrong_shape(value, at, "a table of tables", help);
                    return false;
                };
                let mut ok = true;
                for (id, entry) in entries.iter() {
                    ok &= check(cx, entry, &path::child(at, id.get_ref()));
                }
                ok
            }
            Self::ArrayOf(check) => {
                let DeValue::Array(items) = value.get_ref() else {
                    let help = format!("write one [[{}]] table per entry", path::dotted(at));
                    cx.wrong_shape(value, at, "an array of tables", help);
                    return false;
                };
                let mut ok = true;
                for (i, item) in items.iter().enumerate() {
                    ok &= check(cx, item, &path::index(at, i));
                }
                ok
            }
        }
    }
}

/// Checks `value` as a `T` table at `path`; `true` when it had no problem.
pub(crate) fn check_table<T: Section>(
    cx: &mut Checker<'_>,
    value: &Spanned<DeValue<'_>>,
    at: &[Seg],
) -> bool {
    let before = cx.errors.len();
    let DeValue::Table(table) = value.get_ref() else {
        let help = format!(
            "write it as a table: [{}] followed by its keys",
            path::dotted(at)
        );
        cx.wrong_shape(value, at, "a table", help);
        return false;
    };
    let fields = serde_introspect::<T>();
    let mut kept = DeTable::new();
    for (key, entry) in table.iter() {
        let name: &str = key.get_ref();
        let here = path::child(at, name);
        if !fields.contains(&name) {
            let message = format!("unknown key `{name}` {}", path::in_table(at));
            let help = suggest::valid_list(
                "valid keys",
                name,
                fields.iter().copied(),
                "this table takes no keys",
            );
            cx.push(
                ErrorKind::UnknownKey,
                key.span().start,
                &here,
                message,
                help,
            );
        } else if T::nested(name).is_none_or(|nested| nested.check(cx, entry, &here)) {
            kept.insert(key.clone(), entry.clone());
        }
    }
    deserialize_each_error::<T>(cx, value.span(), kept, at);
    cx.errors.len() == before
}

/// Deserializes `table` as a `T`, reporting every failing key: after each
/// error the key at fault is dropped (it takes its default) and the rest is tried again.
fn deserialize_each_error<T: Section>(
    cx: &mut Checker<'_>,
    span: Range<usize>,
    mut table: DeTable<'_>,
    at: &[Seg],
) {
    let defaults = match toml::Value::try_from(T::default()) {
        Ok(toml::Value::Table(t)) => t,
        _ => toml::Table::new(),
    };
    for _ in 0..=table.len() {
        let value = Spanned::new(span.clone(), DeValue::Table(table.clone()));
        let Err(error) = T::deserialize(ValueDeserializer::from(value)) else {
            return;
        };
        let offset = error.span().map_or(span.start, |s| s.start);
        // The innermost key at fault names the problem; its top-level key is dropped.
        let culprit = key_path_at(&table, offset);
        let top = match culprit.first() {
            Some(Seg::Key(key)) => Some(key.clone()),
            _ => None,
        };
        let example = match (&top, culprit.len()) {
            (Some(key), 1) => defaults.get(key).and_then(|v| example_line(key, v)),
            _ => None,
        };
        let shown = path::dotted(&culprit);
        let explained = serde_error::explain(
            error.message(),
            &shown,
            &path::in_table(at),
            example.as_deref(),
        );
        let here = [at, culprit.as_slice()].concat();
        cx.push(
            explained.kind,
            offset,
            &here,
            explained.message,
            explained.help,
        );
        match top {
            Some(name) => {
                table = table
                    .into_iter()
                    .filter(|(k, _)| *k.get_ref() != name)
                    .collect()
            }
            None => return,
        }
    }
}

/// The path (relative to `table`) of the innermost key or array element
/// covering byte `offset`; empty when no key does.
fn key_path_at(table: &DeTable<'_>, offset: usize) -> Vec<Seg> {
    let mut path = Vec::new();
    descend_table(table, offset, &mut path);
    path
}

fn descend_table(table: &DeTable<'_>, offset: usize, path: &mut Vec<Seg>) {
    let found = table
        .iter()
        .find(|(key, value)| key.span().contains(&offset) || extent(value).contains(&offset));
    if let Some((key, value)) = found {
        path.push(Seg::Key(key.get_ref().to_string()));
        descend_value(value, offset, path);
    }
}

fn descend_value(value: &Spanned<DeValue<'_>>, offset: usize, path: &mut Vec<Seg>) {
    match value.get_ref() {
        DeValue::Table(table) => descend_table(table, offset, path),
        DeValue::Array(items) => {
            if let Some((i, item)) = items
                .iter()
                .enumerate()
                .find(|(_, item)| extent(item).contains(&offset))
            {
                path.push(Seg::Index(i));
                descend_value(item, offset, path);
            }
        }
        _ => {}
    }
}

/// The byte range covered by `value` and everything inside it.
fn extent(value: &Spanned<DeValue<'_>>) -> Range<usize> {
    let mut range = value.span();
    let mut widen = |r: Range<usize>| {
        range.start = range.start.min(r.start);
        range.end = range.end.max(r.end);
    };
    match value.get_ref() {
        DeValue::Table(table) => {
            for (key, inner) in table.iter() {
                widen(key.span());
                widen(extent(inner));
            }
        }
        DeValue::Array(items) => {
            for item in items.iter() {
                widen(extent(item));
            }
        }
        _ => {}
    }
    range
}

/// `key = value` for a default worth showing (not an empty string, list or table).
fn example_line(key: &str, value: &toml::Value) -> Option<String> {
    match value {
        toml::Value::String(s) if s.is_empty() => None,
        toml::Value::Array(a) if a.is_empty() => None,
        toml::Value::Table(_) => None,
        v => Some(format!("{key} = {v}")),
    }
}

/// "`key` in [table]", or "[table]" for a whole table.
fn subject(at: &[Seg]) -> String {
    match at.last() {
        Some(Seg::Key(key)) => format!("`{key}` {}", path::in_table(&at[..at.len() - 1])),
        _ => path::table_label(at),
    }
}

/// "an integer", "a string", …
fn with_article(kind: &str) -> String {
    let article = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {kind}")
}
