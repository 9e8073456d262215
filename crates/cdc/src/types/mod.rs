//! Type mapping: source types → [`ColumnKind`](crate::schema::ColumnKind), source values →
//! [`Value`](crate::value::Value). The text parsing shared by engines lives here.

pub mod mysql;
pub mod postgres;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};

use crate::schema::ColumnKind;
use crate::value::Value;

/// The epoch as a date, for day counts.
fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid date")
}

/// Days since the epoch of a calendar date.
pub(crate) fn days_since_epoch(date: NaiveDate) -> i32 {
    i32::try_from((date - epoch()).num_days()).unwrap_or(i32::MAX)
}

/// Microseconds since the epoch of a wall-clock date and time.
pub(crate) fn micros_since_epoch(datetime: NaiveDateTime) -> i64 {
    datetime.and_utc().timestamp_micros()
}

/// Parses a value in the text form SQL engines print (`SELECT` text protocol, pgoutput,
/// SQLite): numbers, decimals, dates, times, timestamps (`2024-01-02 03:04:05.678`,
/// with an optional UTC offset), booleans (`1`/`0`, `t`/`f`, `true`/`false`).
/// Binary and array kinds are the engines' business.
pub(crate) fn parse_text(kind: &ColumnKind, text: &str) -> Result<Value, String> {
    let bad = |what: &str| format!("`{text}` is not a valid {what}");
    Ok(match kind {
        ColumnKind::Boolean => match text.to_ascii_lowercase().as_str() {
            "1" | "t" | "true" | "y" | "yes" | "on" => Value::Bool(true),
            "0" | "f" | "false" | "n" | "no" | "off" => Value::Bool(false),
            _ => return Err(bad("boolean")),
        },
        ColumnKind::Int8 | ColumnKind::Int16 | ColumnKind::Int32 | ColumnKind::Int64 => {
            Value::Int(text.trim().parse().map_err(|_| bad("integer"))?)
        }
        ColumnKind::UInt8 | ColumnKind::UInt16 | ColumnKind::UInt32 | ColumnKind::UInt64 => {
            Value::UInt(text.trim().parse().map_err(|_| bad("unsigned integer"))?)
        }
        ColumnKind::Float32 | ColumnKind::Float64 => {
            Value::Float(parse_float(text).ok_or_else(|| bad("number"))?)
        }
        ColumnKind::Decimal { .. } => Value::Decimal(text.trim().to_owned()),
        ColumnKind::Text | ColumnKind::Json | ColumnKind::Uuid => Value::Text(text.to_owned()),
        ColumnKind::Binary => Value::Bytes(text.as_bytes().to_vec()),
        ColumnKind::Date => match parse_date(text) {
            Some(date) => Value::Date(date),
            None if is_zero_or_infinite(text) => Value::Null,
            None => return Err(bad("date")),
        },
        ColumnKind::Time => Value::Time(parse_time(text).ok_or_else(|| bad("time"))?),
        ColumnKind::Timestamp | ColumnKind::TimestampTz => match parse_timestamp(text) {
            Some(micros) => Value::Timestamp(micros),
            None if is_zero_or_infinite(text) => Value::Null,
            None => return Err(bad("timestamp")),
        },
        ColumnKind::List(_) => {
            return Err(format!("`{text}`: arrays are read by the engine's decoder"));
        }
    })
}

/// MySQL's zero dates and PostgreSQL's infinities have no Arrow value: they land as NULL.
fn is_zero_or_infinite(text: &str) -> bool {
    text.starts_with("0000-00-00") || text.ends_with("infinity")
}

fn parse_float(text: &str) -> Option<f64> {
    match text.trim() {
        "NaN" => Some(f64::NAN),
        "Infinity" | "inf" => Some(f64::INFINITY),
        "-Infinity" | "-inf" => Some(f64::NEG_INFINITY),
        other => other.parse().ok(),
    }
}

fn parse_date(text: &str) -> Option<i32> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .ok()
        .map(days_since_epoch)
}

/// `[-]H…H:MM:SS[.ffffff]`: MySQL times may be negative or beyond 24 hours.
fn parse_time(text: &str) -> Option<i64> {
    let text = text.trim();
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (clock, fraction) = text.split_once('.').unwrap_or((text, ""));
    let mut parts = clock.split(':');
    let hours: i64 = parts.next()?.parse().ok()?;
    let minutes: i64 = parts.next()?.parse().ok()?;
    let seconds: i64 = parts.next()?.parse().ok()?;
    if parts.next().is_some() {
        return None;
    }
    let micros = fraction_micros(fraction)?;
    let total = ((hours * 60 + minutes) * 60 + seconds) * 1_000_000 + micros;
    Some(if negative { -total } else { total })
}

/// Microseconds of a fraction's digits (`5` → 500000, `123456789` → 123456).
fn fraction_micros(fraction: &str) -> Option<i64> {
    if fraction.is_empty() {
        return Some(0);
    }
    if !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let digits: String = fraction.chars().chain("000000".chars()).take(6).collect();
    digits.parse().ok()
}

/// A timestamp with an optional UTC offset (`+00`, `+05:30`); without one, wall-clock.
fn parse_timestamp(text: &str) -> Option<i64> {
    let text = text.trim();
    if let Some(with_offset) = split_offset(text) {
        let normalized = format!("{}{}", with_offset.0, normalize_offset(with_offset.1));
        return DateTime::parse_from_str(&normalized, "%Y-%m-%d %H:%M:%S%.f%z")
            .ok()
            .map(|dt| dt.timestamp_micros());
    }
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f"))
        .ok()
        .map(micros_since_epoch)
        .or_else(|| {
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .ok()
                .map(|d| micros_since_epoch(d.and_time(NaiveTime::MIN)))
        })
}

/// Splits `2024-01-02 03:04:05+05:30` into the clock part and the offset, if any.
fn split_offset(text: &str) -> Option<(&str, &str)> {
    let time_start = text.find([' ', 'T'])?;
    let index = text[time_start..].rfind(['+', '-'])? + time_start;
    Some((&text[..index], &text[index..]))
}

/// `+05` → `+0500`, `+05:30` → `+0530`.
fn normalize_offset(offset: &str) -> String {
    let digits: String = offset[1..].chars().filter(char::is_ascii_digit).collect();
    let padded = format!("{digits:0<4}");
    format!("{}{}", &offset[..1], &padded[..4])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_times_beyond_a_day_and_negative() {
        assert_eq!(
            parse_time("838:59:59"),
            Some(838 * 3_600_000_000 + 59 * 60_000_000 + 59_000_000)
        );
        assert_eq!(parse_time("-00:00:01.5"), Some(-1_500_000));
    }

    #[test]
    fn parses_timestamps_with_and_without_offsets() {
        assert_eq!(parse_timestamp("1970-01-01 00:00:01.25"), Some(1_250_000));
        assert_eq!(parse_timestamp("1970-01-01 01:00:00+01"), Some(0));
        assert_eq!(parse_timestamp("1970-01-01 05:30:00+05:30"), Some(0));
        assert_eq!(parse_timestamp("1969-12-31 23:00:00-01"), Some(0));
    }

    #[test]
    fn zero_dates_land_as_null() {
        assert_eq!(parse_text(&ColumnKind::Date, "0000-00-00"), Ok(Value::Null));
        assert_eq!(
            parse_text(&ColumnKind::Timestamp, "0000-00-00 00:00:00"),
            Ok(Value::Null)
        );
    }
}
