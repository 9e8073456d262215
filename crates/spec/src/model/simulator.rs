//! `[simulator]`: the retail business simulation (the seed's RetailSimulatorApplication).

use serde::{Deserialize, Serialize};

use crate::setters::setter;

/// The simulator's clickstream events as Glue (Hive) columns, in the order
/// the simulator writes the JSON fields; every field is in every event (null
/// when it does not apply). `timestamp` is ISO 8601 UTC with milliseconds
/// (`2026-01-01T09:30:00.123Z`), which Firehose's OpenX JSON SerDe reads.
pub const CLICKSTREAM_COLUMNS: &[(&str, &str)] = &[
    ("event_id", "bigint"),
    ("event_type", "string"),
    ("action", "string"),
    ("timestamp", "timestamp"),
    ("visitor_id", "string"),
    ("user_id", "bigint"),
    ("session_id", "bigint"),
    ("platform", "string"),
    ("browser_agent", "string"),
    ("ip_address", "string"),
    ("url", "string"),
    ("query", "string"),
    ("search_results", "array<bigint>"),
    ("product_id", "bigint"),
    ("price", "double"),
    ("quantity", "int"),
    ("cart_id", "bigint"),
    ("order_id", "bigint"),
    (
        "items",
        "array<struct<product_id:bigint,quantity:int,unit_price:double>>",
    ),
    ("rating", "int"),
    ("review", "string"),
    (
        "chat",
        "struct<chat_id:bigint,topic:string,message:string,resolved:boolean>",
    ),
];

/// `[simulator]`: a deterministic retail simulation producing a clickstream
/// (into `stream`) and an OLTP database (`database_url`, MySQL schema `c360`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Simulator {
    /// Simulated customers (at least 1).
    pub customers: u32,
    /// Products in the catalogue (at least 1).
    pub products: u32,
    /// Simulated days (1 to 3650).
    pub days: u32,
    /// First simulated day, `YYYY-MM-DD` (a TOML date or a string).
    #[serde(deserialize_with = "super::date::string_or_date")]
    pub start_date: String,
    /// Random seed: the same seed gives the same data.
    pub seed: u32,
    /// The `[streams.<name>]` receiving the clickstream; none when absent.
    pub stream: Option<String>,
    /// The OLTP database: `sqlite://`, `mysql://`, `mariadb://` or `postgres://`.
    pub database_url: String,
    /// Search relevance from 0.0 (random) to 1.0 (perfect); drives conversion.
    pub search_quality: f64,
    /// The project the simulated data belongs to; the default project when absent.
    pub project: Option<String>,
}

impl Default for Simulator {
    fn default() -> Self {
        Self {
            customers: 1000,
            products: 200,
            days: 30,
            start_date: "2026-01-01".to_owned(),
            seed: 42,
            stream: None,
            database_url: "sqlite://.lakeforge/retail.db".to_owned(),
            search_quality: 0.5,
            project: None,
        }
    }
}

impl Simulator {
    setter!(customers: u32);
    setter!(products: u32);
    setter!(days: u32);
    setter!(start_date: into String);
    setter!(seed: u32);
    setter!(stream: some String);
    setter!(database_url: into String);
    setter!(search_quality: f64);
    setter!(project: some String);
}
