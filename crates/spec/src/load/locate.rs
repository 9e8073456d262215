//! Finding things in a parsed document by byte offset or key path.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::path::Seg;

/// The path (relative to `table`) of the innermost key or array element
/// covering byte `offset` (empty when no key does), and that value's TOML type.
pub(crate) fn key_path_at(table: &DeTable<'_>, offset: usize) -> (Vec<Seg>, &'static str) {
    let mut path = Vec::new();
    let mut kind = "value";
    descend_table(table, offset, &mut path, &mut kind);
    (path, kind)
}

fn descend_table(table: &DeTable<'_>, offset: usize, path: &mut Vec<Seg>, kind: &mut &'static str) {
    let found = table
        .iter()
        .find(|(key, value)| key.span().contains(&offset) || extent(value).contains(&offset));
    if let Some((key, value)) = found {
        path.push(Seg::Key(key.get_ref().to_string()));
        descend_value(value, offset, path, kind);
    }
}

fn descend_value(
    value: &Spanned<DeValue<'_>>,
    offset: usize,
    path: &mut Vec<Seg>,
    kind: &mut &'static str,
) {
    *kind = value.get_ref().type_str();
    match value.get_ref() {
        DeValue::Table(table) => descend_table(table, offset, path, kind),
        DeValue::Array(items) => {
            let found = items
                .iter()
                .enumerate()
                .find(|(_, item)| extent(item).contains(&offset));
            if let Some((i, item)) = found {
                path.push(Seg::Index(i));
                descend_value(item, offset, path, kind);
            }
        }
        _ => {}
    }
}

/// The value at `path` inside `table`.
pub(crate) fn value_at_mut<'t, 'i>(
    table: &'t mut DeTable<'i>,
    path: &[Seg],
) -> Option<&'t mut Spanned<DeValue<'i>>> {
    let (Seg::Key(first), rest) = path.split_first()? else {
        return None;
    };
    let mut value = table.get_mut(first.as_str())?;
    for seg in rest {
        value = match (seg, value.get_mut()) {
            (Seg::Key(key), DeValue::Table(inner)) => inner.get_mut(key.as_str())?,
            (Seg::Index(i), DeValue::Array(items)) => items.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(value)
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
