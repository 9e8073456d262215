//! What to simulate: [`SimParams`], built from the spec's `[simulator]` plus overrides.

use std::path::PathBuf;

use chrono::{Days, NaiveDate};
use lakeforge_spec::Simulator;

use crate::error::SimError;

/// The most customers one simulation may have.
pub const MAX_CUSTOMERS: u32 = 10_000_000;
/// The most products one simulation may have.
pub const MAX_PRODUCTS: u32 = 1_000_000;
/// The most simulated days (ten years), as the spec allows.
pub const MAX_DAYS: u32 = 3650;
/// The OLTP schema (MySQL/MariaDB database, PostgreSQL schema, SQLite table
/// prefix) used when none is given: the seed's `c360`.
pub const DEFAULT_SCHEMA: &str = "c360";

/// Everything a [`crate::Simulation`] needs. Start from
/// [`SimParams::from_spec`] (or [`SimParams::default`]) and override fields;
/// [`crate::Simulation::new`] validates them.
#[derive(Clone, Debug, PartialEq)]
pub struct SimParams {
    /// Simulated people (each has one customer account, a few have two).
    pub customers: u32,
    /// Products in the catalogue.
    pub products: u32,
    /// Simulated days.
    pub days: u32,
    /// The first simulated day.
    pub start_date: NaiveDate,
    /// The random seed: the same seed and parameters give identical data.
    pub seed: u64,
    /// Search relevance, 0.0 (random order) to 1.0 (best match first).
    pub search_quality: f64,
    /// Recommendation relevance, 0.0 (random) to 1.0 (best match first).
    pub recommendation_quality: f64,
    /// Share of orders delivered late, 0.0 to 1.0.
    pub late_delivery_rate: f64,
    /// Share of support chats that end with the problem solved, 0.0 to 1.0.
    pub support_resolution_rate: f64,
    /// Share of registered people who register a second time with slightly
    /// different details (for entity resolution), 0.0 to 1.0.
    pub duplicate_rate: f64,
    /// The stream receiving the clickstream, when one is wanted (informative:
    /// the caller opens it, see [`crate::outputs::open_sinks`]).
    pub stream: Option<String>,
    /// The OLTP database URL (`sqlite://PATH`, `mysql://`, `mariadb://`,
    /// `postgres://`); none writes no database.
    pub database_url: Option<String>,
    /// The OLTP schema name (letters, digits, `_`; default `c360`).
    pub schema: String,
    /// A folder for plain files (clickstream JSON lines, OLTP changes,
    /// ground truth CSV); none writes no files.
    pub out_dir: Option<PathBuf>,
    /// Pace the output in simulated time: this many simulated seconds per
    /// wall-clock second (1.0 is real time). None writes as fast as possible.
    pub realtime_speed: Option<f64>,
}

impl Default for SimParams {
    /// The `[simulator]` defaults, with no database, stream or files.
    fn default() -> Self {
        let spec = Simulator::default();
        SimParams {
            customers: spec.customers,
            products: spec.products,
            days: spec.days,
            start_date: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default(),
            seed: u64::from(spec.seed),
            search_quality: spec.search_quality,
            recommendation_quality: 0.5,
            late_delivery_rate: 0.1,
            support_resolution_rate: 0.7,
            duplicate_rate: 0.05,
            stream: None,
            database_url: None,
            schema: DEFAULT_SCHEMA.to_owned(),
            out_dir: None,
            realtime_speed: None,
        }
    }
}

impl SimParams {
    /// The parameters a spec's `[simulator]` asks for (its stream and database
    /// included); override fields afterwards.
    pub fn from_spec(spec: &Simulator) -> Result<SimParams, SimError> {
        Ok(SimParams {
            customers: spec.customers,
            products: spec.products,
            days: spec.days,
            start_date: parse_date("start_date", &spec.start_date)?,
            seed: u64::from(spec.seed),
            search_quality: spec.search_quality,
            stream: spec.stream.clone(),
            database_url: Some(spec.database_url.clone()),
            ..SimParams::default()
        })
    }

    /// The last simulated day.
    pub fn end_date(&self) -> NaiveDate {
        self.start_date
            .checked_add_days(Days::new(u64::from(self.days.saturating_sub(1))))
            .unwrap_or(NaiveDate::MAX)
    }

    /// Sets [`SimParams::days`] so that the simulation ends on `end`
    /// (inclusive); an end before the start is an error.
    pub fn set_end_date(&mut self, end: NaiveDate) -> Result<(), SimError> {
        let days = (end - self.start_date).num_days() + 1;
        if days < 1 {
            return Err(SimError::invalid(
                "end date",
                end,
                format!(
                    "the end date is before the start date {}; give an end on or after it",
                    self.start_date
                ),
            ));
        }
        self.days = u32::try_from(days).unwrap_or(u32::MAX);
        self.validate()
    }

    /// Checks every field; the error names the first bad one and what is allowed.
    pub fn validate(&self) -> Result<(), SimError> {
        check_count("customers", self.customers, MAX_CUSTOMERS)?;
        check_count("products", self.products, MAX_PRODUCTS)?;
        check_count("days", self.days, MAX_DAYS)?;
        if self
            .start_date
            .checked_add_days(Days::new(u64::from(self.days) + 1))
            .is_none()
        {
            return Err(SimError::invalid(
                "start_date",
                self.start_date,
                "choose an earlier start date",
            ));
        }
        for (setting, value) in [
            ("search_quality", self.search_quality),
            ("recommendation_quality", self.recommendation_quality),
            ("late_delivery_rate", self.late_delivery_rate),
            ("support_resolution_rate", self.support_resolution_rate),
            ("duplicate_rate", self.duplicate_rate),
        ] {
            if !(0.0..=1.0).contains(&value) {
                return Err(SimError::invalid(
                    setting,
                    value,
                    "use a number from 0.0 to 1.0",
                ));
            }
        }
        if let Some(speed) = self.realtime_speed
            && !(speed.is_finite() && speed > 0.0)
        {
            return Err(SimError::invalid(
                "speed",
                speed,
                "use a positive number of simulated seconds per second (1 is real time)",
            ));
        }
        let schema_ok = !self.schema.is_empty()
            && self.schema.len() <= 48
            && self
                .schema
                .starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && self
                .schema
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !schema_ok {
            return Err(SimError::invalid(
                "schema",
                format!("{:?}", self.schema),
                "use 1 to 48 letters, digits and '_', starting with a letter or '_'",
            ));
        }
        Ok(())
    }
}

/// Parses a `YYYY-MM-DD` date given for `setting`.
pub fn parse_date(setting: &'static str, text: &str) -> Result<NaiveDate, SimError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        SimError::invalid(
            setting,
            format!("{text:?}"),
            "write a date as YYYY-MM-DD, e.g. 2026-01-01",
        )
    })
}

/// Checks that a count is between 1 and `max`.
fn check_count(setting: &'static str, value: u32, max: u32) -> Result<(), SimError> {
    if (1..=max).contains(&value) {
        Ok(())
    } else {
        Err(SimError::invalid(
            setting,
            value,
            format!("use a whole number from 1 to {max}"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_defaults_are_valid_and_keep_the_outputs() {
        let params = SimParams::from_spec(&Simulator::default()).unwrap();
        params.validate().unwrap();
        assert_eq!(params.customers, 1000);
        assert_eq!(
            params.database_url.as_deref(),
            Some("sqlite://.lakeforge/retail.db")
        );
        assert_eq!(
            params.end_date(),
            NaiveDate::from_ymd_opt(2026, 1, 30).unwrap()
        );
    }

    #[test]
    fn end_date_sets_the_days_and_rejects_an_end_before_the_start() {
        let mut params = SimParams::default();
        params
            .set_end_date(NaiveDate::from_ymd_opt(2026, 1, 10).unwrap())
            .unwrap();
        assert_eq!(params.days, 10);
        let err = params
            .set_end_date(NaiveDate::from_ymd_opt(2025, 12, 31).unwrap())
            .unwrap_err()
            .to_string();
        assert!(err.contains("before the start date 2026-01-01"), "{err}");
    }

    #[test]
    fn bad_values_name_the_setting() {
        let params = SimParams {
            search_quality: 1.5,
            ..SimParams::default()
        };
        let err = params.validate().unwrap_err().to_string();
        assert!(err.contains("`search_quality` = 1.5"), "{err}");
        let params = SimParams {
            schema: "c360; drop".to_owned(),
            ..SimParams::default()
        };
        assert!(
            params
                .validate()
                .unwrap_err()
                .to_string()
                .contains("`schema`")
        );
        assert!(parse_date("start_date", "01/02/2026").is_err());
    }
}
