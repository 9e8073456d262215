//! The shop's calendar: dates, weekly and yearly seasonality, the hours
//! people shop at, and promotions.

use chrono::{Datelike, Days, NaiveDate, NaiveTime};
use rand::RngExt;

use crate::seed::{self, Purpose, SimRng};
use crate::world::products::CATEGORY_COUNT;

/// Milliseconds in a day.
pub(crate) const DAY_MS: i64 = 86_400_000;

/// Relative traffic per hour of the day (local time = UTC here).
const HOURLY: [f64; 24] = [
    0.2, 0.1, 0.05, 0.05, 0.05, 0.1, 0.3, 0.6, 0.8, 0.9, 1.0, 1.1, 1.3, 1.2, 1.0, 0.9, 0.9, 1.0,
    1.2, 1.5, 1.7, 1.6, 1.1, 0.6,
];

/// Relative traffic per weekday, Monday first.
const WEEKDAY: [f64; 7] = [0.95, 0.9, 0.95, 1.0, 1.05, 1.2, 1.15];

/// Relative traffic per month, January first.
const MONTH: [f64; 12] = [
    0.9, 0.9, 1.0, 1.0, 1.0, 0.95, 0.95, 1.0, 1.0, 1.05, 1.25, 1.35,
];

/// Chance that a promotion starts on a day without one.
const PROMOTION_START: f64 = 0.12;

/// A sale on one top-level category.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Promotion {
    /// The category on sale.
    pub(crate) category: u8,
    /// The extra discount, 0 to 1.
    pub(crate) discount: f64,
}

/// Dates, seasonality and the promotion plan of one run.
#[derive(Debug)]
pub(crate) struct Calendar {
    /// The first simulated day.
    start: NaiveDate,
    /// Milliseconds since the Unix epoch at the start of the first day.
    start_ms: i64,
    /// The promotion running on each day, if any.
    promotions: Vec<Option<Promotion>>,
    /// Cumulative share of traffic up to the end of each hour.
    hour_cdf: [f64; 24],
}

impl Calendar {
    /// The calendar for `days` days from `start`.
    pub(crate) fn new(seed: u64, start: NaiveDate, days: u32) -> Calendar {
        let mut rng = seed::rng(seed, Purpose::Calendar, 0, 0);
        let mut promotions = Vec::with_capacity(days as usize);
        let mut running: Option<(Promotion, u32)> = None;
        for _ in 0..days {
            if running.is_none() && rng.random_bool(PROMOTION_START) {
                let promotion = Promotion {
                    category: rng.random_range(0..CATEGORY_COUNT as u8),
                    discount: f64::from(rng.random_range(10..=30u8)) / 100.0,
                };
                running = Some((promotion, rng.random_range(1..=3)));
            }
            promotions.push(running.map(|(promotion, _)| promotion));
            running =
                running.and_then(|(promotion, left)| (left > 1).then_some((promotion, left - 1)));
        }
        let total: f64 = HOURLY.iter().sum();
        let mut hour_cdf = [0.0; 24];
        let mut sum = 0.0;
        for (cdf, weight) in hour_cdf.iter_mut().zip(HOURLY) {
            sum += weight / total;
            *cdf = sum;
        }
        Calendar {
            start,
            start_ms: start.and_time(NaiveTime::MIN).and_utc().timestamp_millis(),
            promotions,
            hour_cdf,
        }
    }

    /// The date of day `day` (0 = the start date).
    pub(crate) fn date(&self, day: u32) -> NaiveDate {
        self.start
            .checked_add_days(Days::new(u64::from(day)))
            .unwrap_or(NaiveDate::MAX)
    }

    /// Milliseconds since the Unix epoch at midnight starting day `day`.
    pub(crate) fn day_start_ms(&self, day: u32) -> i64 {
        self.start_ms + i64::from(day) * DAY_MS
    }

    /// The day (from 0) a timestamp falls on.
    pub(crate) fn day_of(&self, ms: i64) -> u32 {
        u32::try_from((ms - self.start_ms).div_euclid(DAY_MS)).unwrap_or(0)
    }

    /// The promotion running on day `day`.
    pub(crate) fn promotion(&self, day: u32) -> Option<Promotion> {
        self.promotions.get(day as usize).copied().flatten()
    }

    /// How busy day `day` is compared with an ordinary day.
    pub(crate) fn demand(&self, day: u32) -> f64 {
        let date = self.date(day);
        WEEKDAY[date.weekday().num_days_from_monday() as usize] * MONTH[date.month0() as usize]
    }

    /// A random time of day (milliseconds after midnight) following the hourly traffic.
    pub(crate) fn time_of_day(&self, rng: &mut SimRng) -> i64 {
        let target = rng.random::<f64>();
        let hour = self
            .hour_cdf
            .iter()
            .position(|&cdf| target < cdf)
            .unwrap_or(23);
        hour as i64 * 3_600_000 + rng.random_range(0..3_600_000)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_promotions_and_hours() {
        let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let calendar = Calendar::new(9, start, 365);
        assert_eq!(
            calendar.date(31),
            NaiveDate::from_ymd_opt(2026, 2, 1).unwrap()
        );
        assert_eq!(calendar.day_start_ms(1) - calendar.day_start_ms(0), DAY_MS);
        assert_eq!(calendar.day_of(calendar.day_start_ms(3) + 5), 3);
        let promo_days = (0..365)
            .filter(|&d| calendar.promotion(d).is_some())
            .count();
        assert!((40..=200).contains(&promo_days), "{promo_days}");
        // Saturday 2026-01-03 is busier than Tuesday 2026-01-06.
        assert!(calendar.demand(2) > calendar.demand(5));
        let mut rng = seed::rng(1, Purpose::Calendar, 1, 1);
        let evening = (0..10_000)
            .map(|_| calendar.time_of_day(&mut rng))
            .filter(|t| (19 * 3_600_000..22 * 3_600_000).contains(t))
            .count();
        let night = (0..10_000)
            .map(|_| calendar.time_of_day(&mut rng))
            .filter(|t| (2 * 3_600_000..5 * 3_600_000).contains(t))
            .count();
        assert!(evening > 10 * night, "{evening} {night}");
    }
}
