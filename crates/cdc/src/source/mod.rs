//! Sources: snapshot reads for the full load and ordered streams of committed
//! transactions, one module per engine, dispatched by [`Source`].

pub mod mysql;
pub mod postgres;
pub mod sqlite;

use std::sync::Arc;
use std::time::Duration;

use lakeforge_spec::Engine;
use serde::{Deserialize, Serialize};

use crate::error::{CdcError, Result};
use crate::event::Transaction;
use crate::mapping::TableMapping;
use crate::position::Position;
use crate::schema::TableSchema;
use crate::snapshot::LoadSink;

/// A source setting that prevents change data capture, and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfigProblem {
    /// The setting (`binlog_format`, `wal_level`, `pg_hba.conf`, …).
    pub setting: String,
    /// Its current value.
    pub found: String,
    /// The value CDC needs.
    pub wanted: String,
    /// Exactly what to change.
    pub fix: String,
}

/// What a change stream produced.
#[derive(Debug)]
pub enum StreamEvent {
    /// A committed transaction, in commit order.
    Transaction(Transaction),
    /// Nothing arrived within the wait; `caught_up` when the stream has reached the
    /// source's position as of when the stream was opened.
    Idle {
        /// Whether everything committed before the stream opened has been delivered.
        caught_up: bool,
    },
}

/// A connected source database.
pub enum Source {
    /// MySQL or MariaDB (binlog).
    Mysql(mysql::MysqlSource),
    /// PostgreSQL (pgoutput logical replication).
    Postgres(postgres::PostgresSource),
    /// SQLite (triggers into a change table).
    Sqlite(sqlite::SqliteSource),
}

/// An open change stream of a [`Source`].
pub enum ChangeStream {
    /// MySQL or MariaDB binlog.
    Mysql(Box<mysql::BinlogChanges>),
    /// PostgreSQL replication slot.
    Postgres(Box<postgres::SlotChanges>),
    /// SQLite change table.
    Sqlite(Box<sqlite::TriggerChanges>),
}

impl Source {
    /// Connects to the source of `engine` at `url`; `id` names replication objects
    /// (slot, publication, binlog client id, change table).
    pub async fn connect(engine: Engine, url: &str, id: &str) -> Result<Self> {
        Ok(match engine {
            Engine::Mysql | Engine::Mariadb => {
                Self::Mysql(mysql::MysqlSource::connect(url, id).await?)
            }
            Engine::Postgres => Self::Postgres(postgres::PostgresSource::connect(url, id).await?),
            Engine::Sqlite => Self::Sqlite(sqlite::SqliteSource::connect(url, id).await?),
        })
    }

    /// Settings that keep the source from CDC (empty when ready).
    pub async fn check(&self, mapping: &TableMapping) -> Result<Vec<ConfigProblem>> {
        match self {
            Self::Mysql(s) => s.check().await,
            Self::Postgres(s) => s.check(mapping).await,
            Self::Sqlite(s) => s.check().await,
        }
    }

    /// The selected tables with their current schemas, sorted by name.
    pub async fn tables(&self, mapping: &TableMapping) -> Result<Vec<Arc<TableSchema>>> {
        let mut tables = match self {
            Self::Mysql(s) => s.tables(mapping).await?,
            Self::Postgres(s) => s.tables(mapping).await?,
            Self::Sqlite(s) => s.tables(mapping).await?,
        };
        tables.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(tables)
    }

    /// Lands a consistent snapshot of `tables` and returns the position it is aligned
    /// with: capture from there sees exactly the changes the snapshot does not.
    pub async fn full_load(
        &mut self,
        tables: &[Arc<TableSchema>],
        sink: &LoadSink,
    ) -> Result<Position> {
        match self {
            Self::Mysql(s) => s.full_load(tables, sink).await,
            Self::Postgres(s) => s.full_load(tables, sink).await,
            Self::Sqlite(s) => s.full_load(tables, sink).await,
        }
    }

    /// The position where capture starts without a full load (sets up capture objects).
    pub async fn start_position(&mut self, tables: &[Arc<TableSchema>]) -> Result<Position> {
        match self {
            Self::Mysql(s) => s.current_position().await,
            Self::Postgres(s) => s.start_position(tables).await,
            Self::Sqlite(s) => s.start_position(tables).await,
        }
    }

    /// Opens the change stream after `from`, for the tables `mapping` selects.
    pub async fn stream(
        &mut self,
        from: &Position,
        mapping: &TableMapping,
    ) -> Result<ChangeStream> {
        Ok(match self {
            Self::Mysql(s) => ChangeStream::Mysql(Box::new(s.stream(from, mapping).await?)),
            Self::Postgres(s) => ChangeStream::Postgres(Box::new(s.stream(from, mapping).await?)),
            Self::Sqlite(s) => ChangeStream::Sqlite(Box::new(s.stream(from, mapping).await?)),
        })
    }

    /// The source's current position (end of the binlog / WAL / change table).
    pub async fn current_position(&self) -> Result<Position> {
        match self {
            Self::Mysql(s) => s.current_position().await,
            Self::Postgres(s) => s.current_position().await,
            Self::Sqlite(s) => s.current_position().await,
        }
    }

    /// Removes what capture installed in the source (slot, publication, triggers).
    pub async fn teardown(&mut self) -> Result<()> {
        match self {
            Self::Mysql(_) => Ok(()),
            Self::Postgres(s) => s.teardown().await,
            Self::Sqlite(s) => s.teardown().await,
        }
    }
}

impl ChangeStream {
    /// The next committed transaction, or `Idle` after `wait` without one.
    pub async fn next(&mut self, wait: Duration) -> Result<StreamEvent> {
        match self {
            Self::Mysql(s) => s.next(wait).await,
            Self::Postgres(s) => s.next(wait).await,
            Self::Sqlite(s) => s.next(wait).await,
        }
    }

    /// Tells the source that everything up to `position` is durably landed.
    pub async fn ack(&mut self, position: &Position) -> Result<()> {
        match self {
            Self::Mysql(_) => Ok(()),
            Self::Postgres(s) => s.ack(position),
            Self::Sqlite(s) => s.ack(position).await,
        }
    }
}

/// The error for a position of another engine than the source's.
pub(crate) fn foreign_position(engine: &'static str, position: &Position) -> CdcError {
    CdcError::Config(format!(
        "the saved position `{position}` is not a {engine} position; the ingestion's source engine changed — use a new prefix"
    ))
}
