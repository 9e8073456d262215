//! Writing simulated timestamps (milliseconds since the Unix epoch, UTC) as text.

use std::fmt;

use chrono::NaiveDate;

use crate::calendar::DAY_MS;

/// Days from 0001-01-01 (day 1 of the common era) to 1970-01-01.
const UNIX_EPOCH_CE_DAYS: i64 = 719_163;

/// A timestamp shown as `2026-01-01T10:00:00.123Z` (ISO 8601, for JSON) or
/// `2026-01-01 10:00:00.123` (SQL).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Timestamp {
    /// Milliseconds since the Unix epoch.
    ms: i64,
    /// ISO 8601 with `T` and `Z`, else SQL style.
    iso: bool,
}

impl Timestamp {
    /// `ms` in ISO 8601 form.
    pub(crate) fn iso(ms: i64) -> Timestamp {
        Timestamp { ms, iso: true }
    }

    /// `ms` in SQL form.
    pub(crate) fn sql(ms: i64) -> Timestamp {
        Timestamp { ms, iso: false }
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let date = date_of(self.ms);
        let in_day = self.ms.rem_euclid(DAY_MS);
        let (hours, minutes) = (in_day / 3_600_000, in_day / 60_000 % 60);
        let (seconds, millis) = (in_day / 1000 % 60, in_day % 1000);
        let (separator, zone) = if self.iso { ('T', "Z") } else { (' ', "") };
        write!(
            f,
            "{date}{separator}{hours:02}:{minutes:02}:{seconds:02}.{millis:03}{zone}"
        )
    }
}

/// The UTC date of a timestamp.
pub(crate) fn date_of(ms: i64) -> NaiveDate {
    i32::try_from(UNIX_EPOCH_CE_DAYS + ms.div_euclid(DAY_MS))
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
        .unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveTime;

    use super::*;

    #[test]
    fn formats_match_chrono() {
        let when = NaiveDate::from_ymd_opt(2026, 3, 9)
            .unwrap()
            .and_time(NaiveTime::from_hms_milli_opt(7, 5, 3, 42).unwrap())
            .and_utc()
            .timestamp_millis();
        assert_eq!(Timestamp::iso(when).to_string(), "2026-03-09T07:05:03.042Z");
        assert_eq!(Timestamp::sql(when).to_string(), "2026-03-09 07:05:03.042");
        assert_eq!(date_of(0).to_string(), "1970-01-01");
    }
}
