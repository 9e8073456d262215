//! Turning serde's messages ("invalid type: …", "unknown variant …") into
//! lakeforge errors that say what is wrong and how to fix it.

use crate::error::ErrorKind;
use crate::suggest;

/// A serde message explained for a key.
pub(crate) struct Explained {
    pub kind: ErrorKind,
    pub message: String,
    pub help: String,
}

/// Explains serde's `raw` message about `key` found at `place` (e.g.
/// `in [projects.core]`); `example` is a valid `key = value` line when one is known.
pub(crate) fn explain(raw: &str, key: &str, place: &str, example: Option<&str>) -> Explained {
    let subject = if key.is_empty() {
        format!("a value {place}")
    } else {
        format!("`{key}` {place}")
    };
    if let Some(rest) = raw.strip_prefix("unknown variant ") {
        let quoted = backticked(rest);
        let value = quoted.first().copied().unwrap_or_default();
        let valid = quoted.get(1..).unwrap_or_default().iter().copied();
        return Explained {
            kind: ErrorKind::InvalidValue,
            message: format!("invalid value `{value}` for {subject}"),
            help: suggest::valid_list("valid values", value, valid, "no value is valid here"),
        };
    }
    if let Some(rest) = raw.strip_prefix("invalid type: ") {
        let (found, expected) = rest
            .split_once(", expected ")
            .unwrap_or((rest, "another type"));
        let expected = humanize(expected);
        return Explained {
            kind: ErrorKind::WrongType,
            message: format!(
                "{subject} must be {expected}, not {}",
                humanize_found(found)
            ),
            help: match (example, sample(&expected)) {
                (Some(line), _) => format!("for example: {line}"),
                (None, Some(value)) if !key.is_empty() => {
                    format!("write {expected}, e.g. {key} = {value}")
                }
                (None, _) => format!("write {expected}"),
            },
        };
    }
    if let Some(rest) = raw.strip_prefix("invalid value: ") {
        let (found, expected) = rest
            .split_once(", expected ")
            .unwrap_or((rest, "another value"));
        return Explained {
            kind: ErrorKind::OutOfRange,
            message: format!("{subject} is out of range: {found}"),
            help: format!("use {}", humanize(expected)),
        };
    }
    Explained {
        kind: ErrorKind::InvalidValue,
        message: format!("invalid {subject}: {raw}"),
        help: match example {
            Some(line) => format!("for example: {line}"),
            None => "check this value against the documented format".to_owned(),
        },
    }
}

/// An enumeration value given as a `found` instead of a string; `values`
/// are the valid names when known.
pub(crate) fn not_a_name(
    key: &str,
    place: &str,
    found: &str,
    values: Option<&[String]>,
) -> Explained {
    let article = if found.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    Explained {
        kind: ErrorKind::WrongType,
        message: format!("`{key}` {place} must be a string, not {article} {found}"),
        help: match values {
            Some(values) if !values.is_empty() => format!("valid values are {}", values.join(", ")),
            _ => "write one of the documented names, in quotes".to_owned(),
        },
    }
}

/// The texts between backticks, in order.
pub(crate) fn backticked(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

/// serde's "expected …" in words a TOML author uses.
fn humanize(expected: &str) -> String {
    let range = |lo: i128, hi: i128| format!("a whole number from {lo} to {hi}");
    match expected {
        "a boolean" => "true or false".to_owned(),
        "u8" => range(0, u8::MAX.into()),
        "u16" => range(0, u16::MAX.into()),
        "u32" => range(0, u32::MAX.into()),
        "u64" | "usize" => range(0, i64::MAX.into()),
        "i8" | "i16" | "i32" | "i64" | "isize" => "a whole number".to_owned(),
        "f32" | "f64" => "a number".to_owned(),
        "a sequence" => "an array".to_owned(),
        "a map" => "a table".to_owned(),
        s if s.starts_with("struct ") => "a table".to_owned(),
        s if s.starts_with("enum ") || s.starts_with("variant ") => {
            "one of the listed names (a string)".to_owned()
        }
        s => s.to_owned(),
    }
}

/// A placeholder value of the humanized `expected` type.
fn sample(expected: &str) -> Option<&'static str> {
    Some(match expected {
        "a string" => "\"…\"",
        "an array" => "[…]",
        "a table" => "{ … }",
        "true or false" => "true",
        "a number" => "1.0",
        e if e.starts_with("a whole number") => "1",
        _ => return None,
    })
}

/// serde's "found" side ("string \"x\"", "map", "sequence") in TOML words.
fn humanize_found(found: &str) -> String {
    match found {
        "map" => "a table".to_owned(),
        "sequence" => "an array".to_owned(),
        "datetime" => "a date/time".to_owned(),
        s if s.starts_with("string ") => format!("the string {}", &s["string ".len()..]),
        s if s.starts_with("integer ") => format!("the integer {}", &s["integer ".len()..]),
        s if s.starts_with("floating point ") => {
            format!("the number {}", &s["floating point ".len()..])
        }
        s if s.starts_with("boolean ") => format!("the boolean {}", &s["boolean ".len()..]),
        s => s.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_variants_list_closest_first() {
        let e = explain(
            "unknown variant `mw1.smal`, expected one of `mw1.micro`, `mw1.small`, `mw1.large`",
            "airflow_env_class",
            "in [projects.core]",
            None,
        );
        assert_eq!(e.kind, ErrorKind::InvalidValue);
        assert_eq!(
            e.message,
            "invalid value `mw1.smal` for `airflow_env_class` in [projects.core]"
        );
        assert!(
            e.help.starts_with("valid values are mw1.small, "),
            "{}",
            e.help
        );
    }

    #[test]
    fn wrong_types_name_both_sides() {
        let e = explain(
            "invalid type: string \"yes\", expected a boolean",
            "has_emr",
            "in [projects.core]",
            Some("has_emr = false"),
        );
        assert_eq!(e.kind, ErrorKind::WrongType);
        assert_eq!(
            e.message,
            "`has_emr` in [projects.core] must be true or false, not the string \"yes\""
        );
        assert_eq!(e.help, "for example: has_emr = false");
        let e = explain(
            "invalid value: integer `-1`, expected u32",
            "n",
            "in [x]",
            None,
        );
        assert_eq!(e.kind, ErrorKind::OutOfRange);
        assert_eq!(e.help, "use a whole number from 0 to 4294967295");
    }
}
