//! Key paths inside a spec (`projects.core.reuse_airflow`) and how to show them.

use std::fmt::Write as _;

/// One step of a key path: a table key or an array index.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Seg {
    /// A key in a table.
    Key(String),
    /// An element of an array.
    Index(usize),
}

/// A path made of table keys only.
pub(crate) fn keys(parts: &[&str]) -> Vec<Seg> {
    parts.iter().map(|p| Seg::Key((*p).to_owned())).collect()
}

/// `path` extended by one key.
pub(crate) fn child(path: &[Seg], key: &str) -> Vec<Seg> {
    let mut out = path.to_vec();
    out.push(Seg::Key(key.to_owned()));
    out
}

/// `path` extended by one array index.
pub(crate) fn index(path: &[Seg], i: usize) -> Vec<Seg> {
    let mut out = path.to_vec();
    out.push(Seg::Index(i));
    out
}

/// `key` as TOML writes it: bare when possible, quoted otherwise.
fn toml_key(key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if bare {
        key.to_owned()
    } else {
        format!("{key:?}")
    }
}

/// The dotted form, e.g. `post_deploy.x.policy_statements[0].actions`.
pub(crate) fn dotted(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(&toml_key(k));
            }
            Seg::Index(i) => {
                let _ = write!(out, "[{i}]");
            }
        }
    }
    out
}

/// How to name the table at `path` in a message: `[projects.core]`, or
/// `the top level` for the document itself.
pub(crate) fn table_label(path: &[Seg]) -> String {
    if path.is_empty() {
        "the top level".to_owned()
    } else {
        format!("[{}]", dotted(path))
    }
}

/// Where a key of the table at `path` sits: `in [projects.core]`, or `at the top level`.
pub(crate) fn in_table(path: &[Seg]) -> String {
    if path.is_empty() {
        "at the top level".to_owned()
    } else {
        format!("in {}", table_label(path))
    }
}

/// The label of the table holding the last key of `path`.
pub(crate) fn parent_label(path: &[Seg]) -> String {
    table_label(&path[..path.len().saturating_sub(1)])
}

/// The last key of `path` (empty when it ends in an index or is empty).
pub(crate) fn last_key(path: &[Seg]) -> &str {
    match path.last() {
        Some(Seg::Key(k)) => k,
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_paths_quote_unusual_keys_and_show_indices() {
        let mut p = keys(&["streams", "click.stream"]);
        assert_eq!(dotted(&p), "streams.\"click.stream\"");
        p = index(&keys(&["post_deploy", "x", "policy_statements"]), 0);
        p = child(&p, "actions");
        assert_eq!(dotted(&p), "post_deploy.x.policy_statements[0].actions");
        assert_eq!(parent_label(&p), "[post_deploy.x.policy_statements[0]]");
        assert_eq!(table_label(&[]), "the top level");
        assert_eq!(last_key(&p), "actions");
    }
}
