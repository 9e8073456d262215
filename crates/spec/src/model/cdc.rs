//! `[cdc.<id>]`: full load + change data capture from a database (the seed's DMSIngestion).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::destination::Destination;
use crate::setters::setter;
use crate::string_enum::string_enum;

string_enum! {
    /// Source database engine.
    #[derive(Default)]
    pub enum Engine ("database engine") {
        /// MySQL (binlog), the seed's source.
        #[default]
        Mysql = "mysql",
        /// MariaDB (binlog).
        Mariadb = "mariadb",
        /// PostgreSQL (logical replication).
        Postgres = "postgres",
        /// SQLite (local only: full loads of the simulator's database).
        Sqlite = "sqlite",
    }
}

string_enum! {
    /// Date folders of change files (DMS `DatePartitionSequence`).
    #[derive(Default)]
    pub enum DatePartitionSequence ("date partition sequence") {
        /// year, month, day
        Yyyymmdd = "YYYYMMDD",
        /// year, month, day, hour (the seed's choice)
        #[default]
        Yyyymmddhh = "YYYYMMDDHH",
        /// year, month
        Yyyymm = "YYYYMM",
        /// month, year, day
        Mmyyyydd = "MMYYYYDD",
        /// day, month, year
        Ddmmyyyy = "DDMMYYYY",
    }
}

string_enum! {
    /// What is replicated (DMS migration type).
    #[derive(Default)]
    pub enum MigrationType ("migration type") {
        /// A one-off copy of the current rows.
        FullLoad = "full-load",
        /// Ongoing changes only.
        Cdc = "cdc",
        /// A full load, then ongoing changes.
        #[default]
        FullLoadAndCdc = "full-load-and-cdc",
    }
}

/// `source = { engine = "mysql", url = "mysql://user@host:3306/db" }` or
/// `{ engine = "mysql", secret = "name-or-arn" }`: exactly one of `url` and `secret`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CdcSource {
    /// Database engine.
    pub engine: Engine,
    /// Connection URL (local target; `mysql://`, `mariadb://`, `postgres://`, `sqlite://`).
    pub url: Option<String>,
    /// AWS Secrets Manager secret name or ARN holding the connection (AWS target).
    pub secret: Option<String>,
}

impl CdcSource {
    /// A source reached through a connection URL.
    pub fn url(engine: Engine, url: impl Into<String>) -> Self {
        Self {
            engine,
            url: Some(url.into()),
            secret: None,
        }
    }

    /// A source whose connection is kept in a Secrets Manager secret.
    pub fn secret(engine: Engine, secret: impl Into<String>) -> Self {
        Self {
            engine,
            url: None,
            secret: Some(secret.into()),
        }
    }
}

/// `[cdc.<id>]`: DMS S3-target semantics: full-load files then changes, each
/// row carrying `Op` (I/U/D) and `timestamp_column`, landed under
/// `prefix/<schema>/<table>/`, merged into Delta tables.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CdcIngestion {
    /// The source database.
    pub source: CdcSource,
    /// Tables to replicate, DMS style `schema.table` with `%` wildcards.
    pub include: Vec<String>,
    /// Tables to leave out, same syntax.
    pub exclude: Vec<String>,
    /// Source schema → landed schema name, e.g. `{ c360 = "c360raw" }`.
    pub rename_schema: BTreeMap<String, String>,
    /// Where files land (required: at least `project`); prefix defaults to the id.
    pub destination: Destination,
    /// Column holding each change's commit timestamp.
    pub timestamp_column: String,
    /// Date folders of change files.
    pub date_partition_sequence: DatePartitionSequence,
    /// Add the `Op` column to full-load rows too.
    pub include_op_for_full_load: bool,
    /// Full load, changes, or both.
    pub migration_type: MigrationType,
    /// DMS Serverless maximum capacity units (1, 2, 4, 8, 16, 32, 64, 128, 192, 256 or 384).
    pub max_capacity_units: u32,
    /// DMS Serverless minimum capacity units (same values, at most the maximum).
    pub min_capacity_units: u32,
    /// Also keep a history table per silver table (`<silver name>__history`, SCD type 2:
    /// one row per version of a key, with validity interval). Local target; keyed tables.
    pub history: bool,
}

impl Default for CdcIngestion {
    fn default() -> Self {
        Self {
            source: CdcSource::default(),
            include: vec!["%.%".to_owned()],
            exclude: Vec::new(),
            rename_schema: BTreeMap::new(),
            destination: Destination::default(),
            timestamp_column: "cdc_timestamp".to_owned(),
            date_partition_sequence: DatePartitionSequence::Yyyymmddhh,
            include_op_for_full_load: true,
            migration_type: MigrationType::FullLoadAndCdc,
            max_capacity_units: 16,
            min_capacity_units: 1,
            history: false,
        }
    }
}

impl CdcIngestion {
    /// Replication of `source` into `destination`, other settings at their defaults.
    pub fn new(source: CdcSource, destination: Destination) -> Self {
        Self {
            source,
            destination,
            ..Self::default()
        }
    }

    setter!(source: CdcSource);
    setter!(include: list String);
    setter!(exclude: list String);
    setter!(destination: Destination);
    setter!(timestamp_column: into String);
    setter!(date_partition_sequence: DatePartitionSequence);
    setter!(include_op_for_full_load: bool);
    setter!(migration_type: MigrationType);
    setter!(max_capacity_units: u32);
    setter!(min_capacity_units: u32);
    setter!(history: bool);

    /// Adds (or replaces) one schema rename `from` → `to`.
    #[must_use]
    pub fn rename_schema(mut self, from: impl Into<String>, to: impl Into<String>) -> Self {
        self.rename_schema.insert(from.into(), to.into());
        self
    }

    /// The landed name of source schema `schema`.
    pub fn landed_schema<'a>(&'a self, schema: &'a str) -> &'a str {
        self.rename_schema
            .get(schema)
            .map_or(schema, String::as_str)
    }
}
