//! Structural checks of a parsed document against the construct types:
//! unknown keys, wrong types and bad enumeration values, all of them reported
//! (not only the first), each at its own position.
//!
//! Valid keys come from the types themselves (`serde_introspect`), so the
//! lists cannot drift from the structs.

use std::ops::Range;

use serde_aux::serde_introspection::serde_introspect;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::locate::{key_path_at, value_at_mut};
use super::sections::{Nested, Section};
use super::serde_error;
use super::source::Source;
use crate::error::{ErrorKind, SpecError};
use crate::path::{self, Seg};
use crate::suggest;

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
        let (culprit, found) = key_path_at(&table, offset);
        let top = match culprit.first() {
            Some(Seg::Key(key)) => Some(key.clone()),
            _ => None,
        };
        let example = match (&top, culprit.len()) {
            (Some(key), 1) => defaults.get(key).and_then(|v| example_line(key, v)),
            _ => None,
        };
        let shown = path::dotted(&culprit);
        let place = path::in_table(at);
        let explained = if error.message().starts_with("wanted string or table") {
            let values = enum_values::<T>(span.clone(), &table, &culprit);
            serde_error::not_a_name(&shown, &place, found, values.as_deref())
        } else {
            // serde sees a TOML date/time as a map; say what the author wrote.
            let message = match error.message().strip_prefix("invalid type: map,") {
                Some(rest) if found == "datetime" => format!("invalid type: datetime,{rest}"),
                _ => error.message().to_owned(),
            };
            serde_error::explain(&message, &shown, &place, example.as_deref())
        };
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

/// The valid names of the enumeration expected at `culprit`: serde lists
/// them only for a string, so the value is replaced by an empty string and
/// `T` deserialized again.
fn enum_values<T: Section>(
    span: Range<usize>,
    table: &DeTable<'_>,
    culprit: &[Seg],
) -> Option<Vec<String>> {
    let mut probe = table.clone();
    let slot = value_at_mut(&mut probe, culprit)?;
    *slot.get_mut() = DeValue::String(Default::default());
    let error = T::deserialize(ValueDeserializer::from(Spanned::new(
        span,
        DeValue::Table(probe),
    )))
    .err()?;
    error
        .message()
        .strip_prefix("unknown variant ")
        .map(|rest| {
            serde_error::backticked(rest)
                .into_iter()
                .skip(1)
                .map(str::to_owned)
                .collect()
        })
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
