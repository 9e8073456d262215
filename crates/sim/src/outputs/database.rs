//! The OLTP database output: the seven `c360` tables in SQLite, MySQL/MariaDB
//! or PostgreSQL, written in one transaction per batch with multi-row inserts,
//! so that change data capture sees real inserts, updates and deletes.

use std::time::Duration;

use async_trait::async_trait;
use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, AnyConnection, AssertSqlSafe, Connection};
use tracing::debug;

use super::Sink;
use crate::error::SimError;
use crate::events::BatchView;
use crate::ground_truth::GroundTruth;
use crate::oltp::dialect::Dialect;
use crate::oltp::schema::{ColumnKind, Table};
use crate::oltp::url::{prepare, redact};
use crate::oltp::{Change, Op, Value};
use crate::timefmt::Timestamp;

/// How long to wait for the database to answer a connection attempt.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The most bind parameters in one statement (below every database's limit).
const MAX_PARAMS: usize = 30_000;
/// The most rows in one insert or keys in one delete.
const MAX_ROWS: usize = 500;

/// Writes the OLTP changes to a SQL database. The simulation owns its seven
/// tables in the schema: connecting drops and recreates them.
///
/// The schema is a MySQL/MariaDB database or a PostgreSQL schema (`c360.customer`);
/// SQLite has no schemas inside one file, so there it is a table-name prefix
/// (`c360_customer`).
pub struct DatabaseSink {
    conn: AnyConnection,
    dialect: Dialect,
    schema: String,
    /// The URL with its password hidden.
    url: String,
}

impl std::fmt::Debug for DatabaseSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DatabaseSink")
            .field("url", &self.url)
            .field("schema", &self.schema)
            .finish_non_exhaustive()
    }
}

impl DatabaseSink {
    /// Connects to `url` (`sqlite://PATH`, `mysql://`, `mariadb://`,
    /// `postgres://`), creates `schema` if needed (a table-name prefix in
    /// SQLite) and recreates the tables in it, empty.
    pub async fn connect(url: &str, schema: &str) -> Result<DatabaseSink, SimError> {
        sqlx::any::install_default_drivers();
        let shown = redact(url);
        let (dialect, driver_url) = prepare(url)?;
        let connecting =
            tokio::time::timeout(CONNECT_TIMEOUT, AnyConnection::connect(&driver_url)).await;
        let conn = match connecting {
            Ok(Ok(conn)) => conn,
            Ok(Err(source)) => {
                return Err(database_error(
                    &shown,
                    "connect (is the server running and the URL right?)",
                    source,
                ));
            }
            Err(_) => {
                let timeout = std::io::Error::new(
                    std::io::ErrorKind::TimedOut,
                    "no answer within 10 seconds",
                );
                return Err(database_error(&shown, "connect", sqlx::Error::Io(timeout)));
            }
        };
        let mut sink = DatabaseSink {
            conn,
            dialect,
            schema: schema.to_owned(),
            url: shown,
        };
        sink.create_tables().await?;
        Ok(sink)
    }

    /// Drops and creates the tables (and the schema if missing).
    async fn create_tables(&mut self) -> Result<(), SimError> {
        let (dialect, schema) = (self.dialect, self.schema.as_str());
        let mut statements = Vec::new();
        if dialect == Dialect::Sqlite {
            statements.extend(
                [
                    "PRAGMA foreign_keys = ON",
                    "PRAGMA journal_mode = WAL",
                    "PRAGMA synchronous = NORMAL",
                ]
                .map(String::from),
            );
        }
        statements.extend(dialect.create_schema(schema));
        statements.extend(
            Table::ALL
                .iter()
                .rev()
                .map(|&table| dialect.drop_table(schema, table)),
        );
        statements.extend(
            Table::ALL
                .iter()
                .map(|&table| dialect.create_table(schema, table)),
        );
        for statement in statements {
            debug!(%statement, "creating the OLTP schema");
            sqlx::raw_sql(AssertSqlSafe(statement))
                .execute(&mut self.conn)
                .await
                .map_err(|source| database_error(&self.url, "create the tables", source))?;
        }
        Ok(())
    }

    /// Applies `changes` in one transaction: inserts (referred tables first,
    /// many rows per statement), then updates in order, then deletes (many
    /// keys per statement). Within a batch each row's changes come in the
    /// order insert, updates, delete, so this order gives the same result.
    async fn apply(&mut self, changes: &[Change]) -> Result<(), sqlx::Error> {
        let (dialect, schema) = (self.dialect, self.schema.as_str());
        let mut tx = self.conn.begin().await?;
        for table in Table::ALL {
            let rows: Vec<&Vec<Value>> = changes
                .iter()
                .filter(|change| change.table == table)
                .filter_map(|change| match &change.op {
                    Op::Insert(values) => Some(values),
                    _ => None,
                })
                .collect();
            let columns = table.columns();
            for chunk in rows.chunks((MAX_PARAMS / columns.len()).clamp(1, MAX_ROWS)) {
                let mut query =
                    sqlx::query(AssertSqlSafe(dialect.insert(schema, table, chunk.len())));
                for row in chunk {
                    for (value, column) in row.iter().zip(columns) {
                        query = bind(query, value, column.kind);
                    }
                }
                query.execute(&mut *tx).await?;
            }
        }
        for change in changes {
            if let Op::Update { key, set } = &change.op {
                let table = change.table;
                let mut query = sqlx::query(AssertSqlSafe(dialect.update(
                    schema,
                    table,
                    set.iter().map(|(name, _)| *name),
                )));
                for (name, value) in set {
                    let kind = table
                        .column(name)
                        .map_or(ColumnKind::LongText, |column| column.kind);
                    query = bind(query, value, kind);
                }
                query.bind(*key).execute(&mut *tx).await?;
            }
        }
        for table in Table::ALL.iter().rev() {
            let keys: Vec<i64> = changes
                .iter()
                .filter(|change| change.table == *table)
                .filter_map(|change| match change.op {
                    Op::Delete { key } => Some(key),
                    _ => None,
                })
                .collect();
            for chunk in keys.chunks(MAX_ROWS) {
                let mut query =
                    sqlx::query(AssertSqlSafe(dialect.delete(schema, *table, chunk.len())));
                for key in chunk {
                    query = query.bind(*key);
                }
                query.execute(&mut *tx).await?;
            }
        }
        tx.commit().await
    }
}

#[async_trait]
impl Sink for DatabaseSink {
    fn describe(&self) -> String {
        format!("database {} (schema {})", self.url, self.schema)
    }

    async fn write(&mut self, batch: BatchView<'_>) -> Result<(), SimError> {
        if batch.changes().is_empty() {
            return Ok(());
        }
        self.apply(batch.changes()).await.map_err(|source| {
            let what = match batch.day() {
                Some(day) => format!("write the changes of day {} ({})", day + 1, batch.date()),
                None => "write the initial load or closing update".to_owned(),
            };
            database_error(&self.url, &what, source)
        })
    }

    async fn finish(&mut self, _truth: &GroundTruth) -> Result<(), SimError> {
        Ok(())
    }
}

/// A [`SimError::Database`].
fn database_error(url: &str, action: &str, source: sqlx::Error) -> SimError {
    SimError::Database {
        url: url.to_owned(),
        action: action.to_owned(),
        source,
    }
}

/// Binds `value` (of a column of `kind`, which types a NULL) to the next parameter.
fn bind<'q>(
    query: Query<'q, Any, AnyArguments>,
    value: &Value,
    kind: ColumnKind,
) -> Query<'q, Any, AnyArguments> {
    match value {
        Value::Null => match kind {
            ColumnKind::Key | ColumnKind::Int => query.bind(None::<i64>),
            ColumnKind::Real | ColumnKind::Money => query.bind(None::<f64>),
            ColumnKind::Bool => query.bind(None::<bool>),
            ColumnKind::Text(_)
            | ColumnKind::LongText
            | ColumnKind::Timestamp
            | ColumnKind::Date => query.bind(None::<String>),
        },
        Value::Int(value) => query.bind(*value),
        Value::Real(value) => query.bind(*value),
        Value::Text(value) => query.bind(value.clone()),
        Value::Bool(value) => query.bind(*value),
        Value::Timestamp(ms) => query.bind(Timestamp::sql(*ms).to_string()),
        Value::Date(date) => query.bind(date.to_string()),
    }
}
