//! MySQL/MariaDB types: `information_schema` column types and binlog table-map
//! types → [`ColumnKind`]; text-protocol and binlog values → [`Value`].

use mysql_async::Value as MyValue;
use mysql_async::consts::ColumnType;

use super::{days_since_epoch, micros_since_epoch, parse_text};
use crate::schema::ColumnKind;
use crate::value::Value;

/// The `binary` character set: byte strings rather than text.
pub const BINARY_CHARSET: u16 = 63;

/// The kind of a column from `information_schema.COLUMNS` (`DATA_TYPE`, `COLUMN_TYPE`).
pub fn kind_from_column_type(data_type: &str, column_type: &str) -> ColumnKind {
    let unsigned = column_type.to_ascii_lowercase().contains("unsigned");
    let numbers = || -> Vec<u32> {
        column_type
            .split_once('(')
            .and_then(|(_, rest)| rest.split_once(')'))
            .map(|(inside, _)| {
                inside
                    .split(',')
                    .filter_map(|n| n.trim().parse().ok())
                    .collect()
            })
            .unwrap_or_default()
    };
    match data_type.to_ascii_lowercase().as_str() {
        "tinyint" => int_kind(1, unsigned),
        "smallint" => int_kind(2, unsigned),
        "mediumint" | "int" | "integer" => int_kind(4, unsigned),
        "bigint" => int_kind(8, unsigned),
        "float" => ColumnKind::Float32,
        "double" | "real" => ColumnKind::Float64,
        "decimal" | "numeric" => {
            let n = numbers();
            ColumnKind::decimal(
                n.first().copied().unwrap_or(10),
                n.get(1).copied().unwrap_or(0),
            )
        }
        "bit" => bit_kind(numbers().first().copied().unwrap_or(1)),
        "year" => ColumnKind::Int16,
        "date" => ColumnKind::Date,
        "time" => ColumnKind::Time,
        "datetime" => ColumnKind::Timestamp,
        "timestamp" => ColumnKind::TimestampTz,
        "json" => ColumnKind::Json,
        "uuid" => ColumnKind::Uuid,
        "binary" | "varbinary" | "tinyblob" | "blob" | "mediumblob" | "longblob" | "geometry"
        | "point" | "linestring" | "polygon" => ColumnKind::Binary,
        _ => ColumnKind::Text,
    }
}

/// The kind of a column from a binlog table map: its type, metadata bytes, signedness and
/// character set (the optional metadata that `binlog_row_metadata=FULL` writes).
pub fn kind_from_binlog(
    column_type: ColumnType,
    meta: &[u8],
    unsigned: bool,
    charset: u16,
) -> ColumnKind {
    use ColumnType::*;
    let binary = charset == BINARY_CHARSET;
    match column_type {
        MYSQL_TYPE_TINY => int_kind(1, unsigned),
        MYSQL_TYPE_SHORT => int_kind(2, unsigned),
        MYSQL_TYPE_INT24 | MYSQL_TYPE_LONG => int_kind(4, unsigned),
        MYSQL_TYPE_LONGLONG => int_kind(8, unsigned),
        MYSQL_TYPE_FLOAT => ColumnKind::Float32,
        MYSQL_TYPE_DOUBLE => ColumnKind::Float64,
        MYSQL_TYPE_NEWDECIMAL | MYSQL_TYPE_DECIMAL => ColumnKind::decimal(
            u32::from(meta.first().copied().unwrap_or(10)),
            u32::from(meta.get(1).copied().unwrap_or(0)),
        ),
        MYSQL_TYPE_BIT => bit_kind(
            u32::from(meta.get(1).copied().unwrap_or(0)) * 8
                + u32::from(meta.first().copied().unwrap_or(1)),
        ),
        MYSQL_TYPE_YEAR => ColumnKind::Int16,
        MYSQL_TYPE_DATE | MYSQL_TYPE_NEWDATE => ColumnKind::Date,
        MYSQL_TYPE_TIME | MYSQL_TYPE_TIME2 => ColumnKind::Time,
        MYSQL_TYPE_DATETIME | MYSQL_TYPE_DATETIME2 => ColumnKind::Timestamp,
        MYSQL_TYPE_TIMESTAMP | MYSQL_TYPE_TIMESTAMP2 => ColumnKind::TimestampTz,
        MYSQL_TYPE_JSON => ColumnKind::Json,
        MYSQL_TYPE_ENUM | MYSQL_TYPE_SET => ColumnKind::Text,
        MYSQL_TYPE_GEOMETRY => ColumnKind::Binary,
        MYSQL_TYPE_STRING if matches!(meta.first(), Some(0xf7 | 0xf8)) => ColumnKind::Text,
        MYSQL_TYPE_STRING
        | MYSQL_TYPE_VARCHAR
        | MYSQL_TYPE_VAR_STRING
        | MYSQL_TYPE_BLOB
        | MYSQL_TYPE_TINY_BLOB
        | MYSQL_TYPE_MEDIUM_BLOB
        | MYSQL_TYPE_LONG_BLOB
            if binary =>
        {
            ColumnKind::Binary
        }
        _ => ColumnKind::Text,
    }
}

fn int_kind(bytes: u8, unsigned: bool) -> ColumnKind {
    match (bytes, unsigned) {
        (1, false) => ColumnKind::Int8,
        (1, true) => ColumnKind::UInt8,
        (2, false) => ColumnKind::Int16,
        (2, true) => ColumnKind::UInt16,
        (4, false) => ColumnKind::Int32,
        (4, true) => ColumnKind::UInt32,
        (_, false) => ColumnKind::Int64,
        (_, true) => ColumnKind::UInt64,
    }
}

/// `BIT(1)` is a flag; wider bit fields are numbers.
fn bit_kind(bits: u32) -> ColumnKind {
    if bits == 1 {
        ColumnKind::Boolean
    } else {
        ColumnKind::UInt64
    }
}

/// What a value's kind alone does not tell: ENUM/SET labels (binlog values are an
/// index or a bit mask) and BIT columns (values are big-endian bytes).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Hint {
    /// Nothing special.
    #[default]
    None,
    /// A BIT(n) column.
    Bits,
    /// ENUM labels in definition order (binlog value `n` is label `n-1`; 0 is '').
    Enum(Vec<String>),
    /// SET members in definition order (bit `i` of the mask is member `i`).
    Set(Vec<String>),
}

/// Converts a value of the text protocol or of a binlog row to `kind`.
pub fn convert(kind: &ColumnKind, hint: &Hint, value: MyValue) -> Result<Value, String> {
    Ok(match value {
        MyValue::NULL => Value::Null,
        MyValue::Bytes(bytes) => bytes_value(kind, hint, bytes)?,
        MyValue::Int(i) => match (kind, hint) {
            (_, Hint::Enum(names)) => Value::Text(enum_label(names, i)),
            (ColumnKind::Boolean, _) => Value::Bool(i != 0),
            (
                ColumnKind::UInt8 | ColumnKind::UInt16 | ColumnKind::UInt32 | ColumnKind::UInt64,
                _,
            ) => Value::UInt(i as u64),
            (ColumnKind::Float32 | ColumnKind::Float64, _) => Value::Float(i as f64),
            (ColumnKind::TimestampTz, _) => Value::Timestamp(i * 1_000_000),
            _ => Value::Int(i),
        },
        MyValue::UInt(u) => match kind {
            ColumnKind::Int8 | ColumnKind::Int16 | ColumnKind::Int32 | ColumnKind::Int64 => {
                Value::Int(i64::try_from(u).map_err(|_| format!("{u} overflows a signed column"))?)
            }
            _ => Value::UInt(u),
        },
        MyValue::Float(f) => Value::Float(f64::from(f)),
        MyValue::Double(f) => Value::Float(f),
        MyValue::Date(year, month, day, hour, minute, second, micros) => {
            let Some(date) =
                chrono::NaiveDate::from_ymd_opt(i32::from(year), u32::from(month), u32::from(day))
            else {
                return Ok(Value::Null); // zero dates
            };
            match kind {
                ColumnKind::Date => Value::Date(days_since_epoch(date)),
                _ => {
                    let time = chrono::NaiveTime::from_hms_micro_opt(
                        u32::from(hour),
                        u32::from(minute),
                        u32::from(second),
                        micros,
                    )
                    .ok_or_else(|| "invalid time of day".to_owned())?;
                    Value::Timestamp(micros_since_epoch(date.and_time(time)))
                }
            }
        }
        MyValue::Time(negative, days, hours, minutes, seconds, micros) => {
            let total = (((i64::from(days) * 24 + i64::from(hours)) * 60 + i64::from(minutes))
                * 60
                + i64::from(seconds))
                * 1_000_000
                + i64::from(micros);
            Value::Time(if negative { -total } else { total })
        }
    })
}

fn bytes_value(kind: &ColumnKind, hint: &Hint, bytes: Vec<u8>) -> Result<Value, String> {
    match (kind, hint) {
        (_, Hint::Set(members)) if !bytes.is_empty() && !is_text_set(&bytes, members) => {
            Ok(Value::Text(set_members(members, &bytes)))
        }
        (ColumnKind::Binary, _) => Ok(Value::Bytes(bytes)),
        (ColumnKind::Boolean | ColumnKind::UInt64, Hint::Bits) => {
            let number = bytes.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b));
            Ok(match kind {
                ColumnKind::Boolean => Value::Bool(number != 0),
                _ => Value::UInt(number),
            })
        }
        (ColumnKind::TimestampTz, _) => {
            let text = String::from_utf8_lossy(&bytes);
            match epoch_seconds(&text) {
                Some(micros) => Ok(Value::Timestamp(micros)),
                None => parse_text(kind, &text),
            }
        }
        _ => parse_text(kind, &String::from_utf8_lossy(&bytes)),
    }
}

/// Binlog TIMESTAMP values are `seconds[.micros]` since the epoch.
fn epoch_seconds(text: &str) -> Option<i64> {
    let (seconds, fraction) = text.split_once('.').unwrap_or((text, ""));
    let seconds: i64 = seconds.parse().ok()?;
    let micros: i64 = if fraction.is_empty() {
        0
    } else {
        format!("{fraction:0<6}").get(..6)?.parse().ok()?
    };
    Some(seconds * 1_000_000 + micros)
}

fn enum_label(names: &[String], index: i64) -> String {
    usize::try_from(index)
        .ok()
        .and_then(|i| i.checked_sub(1))
        .and_then(|i| names.get(i))
        .cloned()
        .unwrap_or_default()
}

/// Text-protocol SET values are already `a,b`; binlog ones are little-endian bit masks.
fn is_text_set(bytes: &[u8], members: &[String]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    text.split(',').all(|m| members.iter().any(|n| n == m))
}

fn set_members(members: &[String], mask: &[u8]) -> String {
    let mut chosen = Vec::new();
    for (i, member) in members.iter().enumerate() {
        if mask
            .get(i / 8)
            .is_some_and(|byte| byte & (1 << (i % 8)) != 0)
        {
            chosen.push(member.as_str());
        }
    }
    chosen.join(",")
}

/// The hint of a `COLUMN_TYPE`: labels of `enum('a','b')` / `set('x','y')`, or BIT.
pub fn hint_from_column_type(column_type: &str) -> Hint {
    let lower = column_type.to_ascii_lowercase();
    let parse = |rest: &str| -> Vec<String> {
        let inside = rest.trim_end_matches(')');
        let mut labels = Vec::new();
        let mut current = String::new();
        let mut chars = inside.chars().peekable();
        let mut quoted = false;
        while let Some(c) = chars.next() {
            match (c, quoted) {
                ('\'', false) => quoted = true,
                ('\'', true) if chars.peek() == Some(&'\'') => {
                    chars.next();
                    current.push('\'');
                }
                ('\'', true) => {
                    quoted = false;
                    labels.push(std::mem::take(&mut current));
                }
                ('\\', true) => current.extend(chars.next()),
                (c, true) => current.push(c),
                _ => {}
            }
        }
        labels
    };
    if let Some(rest) = lower.strip_prefix("enum(") {
        Hint::Enum(parse(&column_type[column_type.len() - rest.len()..]))
    } else if let Some(rest) = lower.strip_prefix("set(") {
        Hint::Set(parse(&column_type[column_type.len() - rest.len()..]))
    } else if lower.starts_with("bit") {
        Hint::Bits
    } else {
        Hint::None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_types_map_to_kinds() {
        assert_eq!(
            kind_from_column_type("int", "int(10) unsigned"),
            ColumnKind::UInt32
        );
        assert_eq!(
            kind_from_column_type("bigint", "bigint(20)"),
            ColumnKind::Int64
        );
        assert_eq!(
            kind_from_column_type("decimal", "decimal(12,3)"),
            ColumnKind::Decimal {
                precision: 12,
                scale: 3
            }
        );
        assert_eq!(
            kind_from_column_type("decimal", "decimal(65,2)"),
            ColumnKind::Text
        );
        assert_eq!(kind_from_column_type("bit", "bit(1)"), ColumnKind::Boolean);
        assert_eq!(
            kind_from_column_type("varbinary", "varbinary(8)"),
            ColumnKind::Binary
        );
    }

    #[test]
    fn enum_and_set_labels() {
        assert_eq!(
            hint_from_column_type("enum('a','it''s')"),
            Hint::Enum(vec!["a".into(), "it's".into()])
        );
        let set = hint_from_column_type("set('x','y','z')");
        assert_eq!(
            convert(&ColumnKind::Text, &set, MyValue::Bytes(vec![0b101])),
            Ok(Value::Text("x,z".into()))
        );
        assert_eq!(
            convert(&ColumnKind::Text, &set, MyValue::Bytes(b"x,z".to_vec())),
            Ok(Value::Text("x,z".into()))
        );
    }

    #[test]
    fn binlog_timestamps_are_epoch_seconds() {
        assert_eq!(
            convert(
                &ColumnKind::TimestampTz,
                &Hint::None,
                MyValue::Bytes(b"1.5".to_vec())
            ),
            Ok(Value::Timestamp(1_500_000))
        );
    }
}
