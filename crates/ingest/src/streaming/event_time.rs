//! Event time: the hour partition `year=YYYY/month=MM/day=DD/hour=HH` of a record.

use chrono::{DateTime, Datelike, NaiveDateTime, TimeZone, Timelike, Utc};
use serde_json::Value;

/// Epoch numbers at or above this are milliseconds; below it, seconds (year 5138 in seconds).
const MILLIS_THRESHOLD: f64 = 1e11;

/// The record's event time: the field `field` of `event` when it holds an RFC 3339 time, a
/// `YYYY-MM-DD HH:MM:SS[.fff]` UTC time, or epoch seconds / milliseconds; otherwise the
/// record's arrival time (as Firehose does with `!{timestamp:…}`).
pub(crate) fn event_time(event: &Value, field: &str, arrival_ms: u64) -> DateTime<Utc> {
    event
        .get(field)
        .and_then(parse_event_time)
        .unwrap_or_else(|| arrival_time(arrival_ms))
}

/// A record's arrival time, from epoch milliseconds.
pub(crate) fn arrival_time(arrival_ms: u64) -> DateTime<Utc> {
    from_millis(arrival_ms as f64)
}

/// The time a JSON value of the event-time field holds, if it holds one.
pub(crate) fn parse_event_time(value: &Value) -> Option<DateTime<Utc>> {
    match value {
        Value::String(text) => parse_event_text(text),
        Value::Number(number) => {
            let n = number.as_f64()?;
            if n < 0.0 {
                return None;
            }
            Some(if n >= MILLIS_THRESHOLD {
                from_millis(n)
            } else {
                from_millis(n * 1000.0)
            })
        }
        _ => None,
    }
}

/// The time a text of the event-time field holds: RFC 3339, or `YYYY-MM-DD HH:MM:SS[.fff]`
/// in UTC.
pub(crate) fn parse_event_text(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .ok()
        .or_else(|| {
            NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f")
                .ok()
                .map(|t| t.and_utc())
        })
}

/// Hours since the Unix epoch: the partition a time falls in, as one number.
pub(crate) fn hour_number(time: DateTime<Utc>) -> i64 {
    time.timestamp().div_euclid(3_600)
}

/// The partition values of an [`hour_number`].
pub(crate) fn hour_partition_values(hour: i64) -> [String; 4] {
    partition_values(
        Utc.timestamp_opt(hour * 3_600, 0)
            .single()
            .unwrap_or_default(),
    )
}

fn from_millis(ms: f64) -> DateTime<Utc> {
    Utc.timestamp_millis_opt(ms as i64)
        .single()
        .unwrap_or_default()
}

/// The partition values (year, month, day, hour), zero-padded like Firehose's prefixes.
pub(crate) fn partition_values(time: DateTime<Utc>) -> [String; 4] {
    [
        format!("{:04}", time.year()),
        format!("{:02}", time.month()),
        format!("{:02}", time.day()),
        format!("{:02}", time.hour()),
    ]
}

/// The partition columns, in folder order.
pub(crate) const PARTITION_COLUMNS: [&str; 4] = ["year", "month", "day", "hour"];

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn hour_of(event: Value) -> [String; 4] {
        let time = event_time(&event, "timestamp", 1_767_225_600_000);
        let values = partition_values(time);
        assert_eq!(hour_partition_values(hour_number(time)), values);
        values
    }

    #[test]
    fn event_times_in_every_accepted_form() {
        let expected = ["2026", "03", "04", "05"].map(String::from);
        assert_eq!(
            hour_of(json!({"timestamp": "2026-03-04T05:06:07Z"})),
            expected
        );
        assert_eq!(
            hour_of(json!({"timestamp": "2026-03-04T06:06:07+01:00"})),
            expected
        );
        assert_eq!(
            hour_of(json!({"timestamp": "2026-03-04 05:06:07.123"})),
            expected
        );
        assert_eq!(hour_of(json!({"timestamp": 1_772_600_767})), expected);
        assert_eq!(
            hour_of(json!({"timestamp": 1_772_600_767_000_u64})),
            expected
        );
    }

    #[test]
    fn missing_or_unparseable_times_fall_back_to_arrival() {
        let arrival = ["2026", "01", "01", "00"].map(String::from);
        assert_eq!(hour_of(json!({"other": 1})), arrival);
        assert_eq!(hour_of(json!({"timestamp": "yesterday"})), arrival);
        assert_eq!(hour_of(json!({"timestamp": -5})), arrival);
    }
}
