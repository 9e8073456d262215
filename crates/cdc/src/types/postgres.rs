//! PostgreSQL types: type OIDs (+ typmod) → [`ColumnKind`]; the text form of values
//! (pgoutput and `::text` snapshot reads print the same) → [`Value`].

use super::parse_text;
use crate::schema::ColumnKind;
use crate::value::Value;

/// The kind of a column of type `oid` with modifier `typmod` (-1 when none).
/// Types this table does not know (domains, enums, ranges, …) land as text.
pub fn kind_from_oid(oid: u32, typmod: i32) -> ColumnKind {
    if let Some(element) = array_element(oid) {
        return ColumnKind::List(Box::new(kind_from_oid(element, typmod)));
    }
    match oid {
        16 => ColumnKind::Boolean,
        17 => ColumnKind::Binary,
        20 => ColumnKind::Int64,
        21 => ColumnKind::Int16,
        23 => ColumnKind::Int32,
        26 => ColumnKind::UInt32,
        700 => ColumnKind::Float32,
        701 => ColumnKind::Float64,
        1700 if typmod >= 4 => {
            let modifier = (typmod - 4) as u32;
            ColumnKind::decimal((modifier >> 16) & 0xffff, modifier & 0xffff)
        }
        114 | 3802 => ColumnKind::Json,
        2950 => ColumnKind::Uuid,
        1082 => ColumnKind::Date,
        1083 => ColumnKind::Time,
        1114 => ColumnKind::Timestamp,
        1184 => ColumnKind::TimestampTz,
        _ => ColumnKind::Text,
    }
}

/// The element type of a built-in array type.
fn array_element(oid: u32) -> Option<u32> {
    Some(match oid {
        1000 => 16,
        1001 => 17,
        1005 => 21,
        1007 => 23,
        1009 => 25,
        1014 => 1042,
        1015 => 1043,
        1016 => 20,
        1021 => 700,
        1022 => 701,
        1115 => 1114,
        1182 => 1082,
        1183 => 1083,
        1185 => 1184,
        1231 => 1700,
        2951 => 2950,
        199 => 114,
        3807 => 3802,
        _ => return None,
    })
}

/// Converts the text form of a PostgreSQL value of `kind`.
pub fn parse(kind: &ColumnKind, text: &str) -> Result<Value, String> {
    match kind {
        ColumnKind::Binary => parse_bytea(text),
        ColumnKind::Float32 | ColumnKind::Float64 => parse_text(kind, text),
        ColumnKind::List(item) => parse_array(text)?
            .into_iter()
            .map(|element| element.map_or(Ok(Value::Null), |e| parse(item, &e)))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::List),
        _ => parse_text(kind, text),
    }
}

/// `\x0a0b` (the default `bytea_output = hex`).
fn parse_bytea(text: &str) -> Result<Value, String> {
    let hex = text
        .strip_prefix("\\x")
        .ok_or_else(|| format!("bytea `{text}` is not in hex output format"))?;
    (0..hex.len())
        .step_by(2)
        .map(|i| {
            hex.get(i..i + 2)
                .and_then(|pair| u8::from_str_radix(pair, 16).ok())
                .ok_or_else(|| format!("bytea `{text}` has an invalid hex digit"))
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Value::Bytes)
}

/// Splits a one-dimensional array literal `{1,NULL,"a b","q\"x"}` into its elements.
fn parse_array(text: &str) -> Result<Vec<Option<String>>, String> {
    let inner = text
        .strip_prefix('{')
        .and_then(|t| t.strip_suffix('}'))
        .ok_or_else(|| format!("`{text}` is not an array literal"))?;
    if inner.starts_with('{') {
        return Err(format!(
            "`{text}`: multi-dimensional arrays are not supported"
        ));
    }
    let mut elements = Vec::new();
    if inner.is_empty() {
        return Ok(elements);
    }
    let mut chars = inner.chars().peekable();
    loop {
        let mut element = String::new();
        let quoted = chars.peek() == Some(&'"');
        if quoted {
            chars.next();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => element.extend(chars.next()),
                    '"' => break,
                    c => element.push(c),
                }
            }
        }
        while let Some(&c) = chars.peek() {
            if c == ',' {
                break;
            }
            element.push(c);
            chars.next();
        }
        elements.push((quoted || element != "NULL").then_some(element));
        if chars.next().is_none() {
            return Ok(elements);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrays_split_with_quotes_and_nulls() {
        assert_eq!(
            parse_array(r#"{1,NULL,"a,b","q\"x","NULL"}"#),
            Ok(vec![
                Some("1".into()),
                None,
                Some("a,b".into()),
                Some("q\"x".into()),
                Some("NULL".into())
            ])
        );
        assert_eq!(parse_array("{}"), Ok(vec![]));
    }

    #[test]
    fn numeric_typmods_give_precision_and_scale() {
        assert_eq!(
            kind_from_oid(1700, (10 << 16 | 2) + 4),
            ColumnKind::Decimal {
                precision: 10,
                scale: 2
            }
        );
        assert_eq!(kind_from_oid(1700, -1), ColumnKind::Text);
        assert_eq!(
            kind_from_oid(1007, -1),
            ColumnKind::List(Box::new(ColumnKind::Int32))
        );
    }

    #[test]
    fn bytea_hex() {
        assert_eq!(parse_bytea("\\x00ff"), Ok(Value::Bytes(vec![0, 255])));
    }
}
