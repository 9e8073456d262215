//! The spec text being loaded: file name, positions, and the span of every key.

use std::collections::BTreeMap;
use std::ops::Range;

use toml::de::{DeTable, DeValue};

use crate::error::{ErrorKind, Position, SpecError};
use crate::path::{self, Seg};
use crate::validate::{Focus, Issue};

/// The text of a spec and the name to report it under.
pub(crate) struct Source<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

impl Source<'_> {
    /// An error at byte `offset` (the start of the file when unknown).
    pub(crate) fn error(
        &self,
        kind: ErrorKind,
        offset: Option<usize>,
        path: &[Seg],
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> SpecError {
        SpecError {
            kind,
            file: Some(self.name.to_owned()),
            position: Some(Position::of_offset(self.text, offset.unwrap_or(0))),
            path: path::dotted(path),
            message: message.into(),
            help: help.into(),
        }
    }

    /// A validation issue placed with `spans`.
    pub(crate) fn issue(&self, issue: Issue, spans: &SpanMap) -> SpecError {
        let offset = spans.locate(&issue.path, issue.focus);
        self.error(issue.kind, offset, &issue.path, issue.message, issue.help)
    }
}

/// The key and value spans of every item of a parsed document, by key path.
#[derive(Default)]
pub(crate) struct SpanMap {
    spans: BTreeMap<Vec<Seg>, (Range<usize>, Range<usize>)>,
}

impl SpanMap {
    /// Records every key of `root`, recursively.
    pub(crate) fn new(root: &DeTable<'_>) -> Self {
        let mut map = Self::default();
        map.table(&mut Vec::new(), root);
        map
    }

    fn table(&mut self, path: &mut Vec<Seg>, table: &DeTable<'_>) {
        for (key, value) in table.iter() {
            path.push(Seg::Key(key.get_ref().to_string()));
            self.spans.insert(path.clone(), (key.span(), value.span()));
            self.value(path, value.get_ref());
            path.pop();
        }
    }

    fn value(&mut self, path: &mut Vec<Seg>, value: &DeValue<'_>) {
        match value {
            DeValue::Table(table) => self.table(path, table),
            DeValue::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    path.push(Seg::Index(i));
                    self.spans.insert(path.clone(), (item.span(), item.span()));
                    self.value(path, item.get_ref());
                    path.pop();
                }
            }
            _ => {}
        }
    }

    /// Where `path` starts (its key or its value); for a key the file does not
    /// write (a default), the nearest enclosing table that it does.
    pub(crate) fn locate(&self, path: &[Seg], focus: Focus) -> Option<usize> {
        if let Some((key, value)) = self.spans.get(path) {
            return Some(match focus {
                Focus::Key => key.start,
                Focus::Value => value.start,
            });
        }
        (1..path.len())
            .rev()
            .find_map(|len| self.spans.get(&path[..len]))
            .map(|(_, value)| value.start)
    }
}
