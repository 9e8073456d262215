//! SQLite source: lakeforge installs `AFTER INSERT/UPDATE/DELETE` triggers on the captured
//! tables that append each row change (as JSON) to a change table; capture reads that
//! table in `change_id` order and trims what has landed. The full load reads the tables
//! and the change table's high-water mark in one read transaction.

use std::sync::Arc;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::{AssertSqlSafe, ConnectOptions, Connection, Row};

use super::{ConfigProblem, StreamEvent, foreign_position};
use crate::error::{CdcError, Result};
use crate::event::{Op, RowChange, Transaction, update_changes};
use crate::mapping::TableMapping;
use crate::position::Position;
use crate::schema::{Column, ColumnKind, TableId, TableSchema};
use crate::snapshot::{LOAD_CHUNK_ROWS, LoadSink};
use crate::types::{micros_since_epoch, parse_text};
use crate::value::Value;

/// The schema name SQLite tables land under.
const SCHEMA: &str = "main";

/// Change-table rows read per poll.
const POLL_ROWS: i64 = 10_000;

/// A SQLite database file.
pub struct SqliteSource {
    options: SqliteConnectOptions,
    changes: String,
}

fn err(context: &str) -> impl Fn(sqlx::Error) -> CdcError + '_ {
    move |e| CdcError::sqlite(context, e)
}

fn quote(identifier: &str) -> String {
    format!("\"{}\"", identifier.replace('"', "\"\""))
}

fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// The kind of a declared SQLite column type (type affinity rules, plus dates).
pub fn kind_from_declared(declared: &str) -> ColumnKind {
    let upper = declared.to_ascii_uppercase();
    let numbers: Vec<u32> = upper
        .split_once('(')
        .map(|(_, rest)| {
            rest.trim_end_matches(')')
                .split(',')
                .filter_map(|n| n.trim().parse().ok())
                .collect()
        })
        .unwrap_or_default();
    if upper.starts_with("BOOL") {
        ColumnKind::Boolean
    } else if upper.contains("INT") {
        ColumnKind::Int64
    } else if upper.starts_with("DECIMAL") || (upper.starts_with("NUMERIC") && numbers.len() == 2) {
        ColumnKind::decimal(
            numbers.first().copied().unwrap_or(18),
            numbers.get(1).copied().unwrap_or(0),
        )
    } else if upper.contains("REAL") || upper.contains("FLOA") || upper.contains("DOUB") {
        ColumnKind::Float64
    } else if upper.contains("BLOB") {
        ColumnKind::Binary
    } else if upper.starts_with("DATETIME") || upper.starts_with("TIMESTAMP") {
        ColumnKind::Timestamp
    } else if upper.starts_with("DATE") {
        ColumnKind::Date
    } else {
        ColumnKind::Text
    }
}

impl SqliteSource {
    /// Opens `url` (`sqlite://path` or `sqlite:path`); `id` names the change table.
    pub async fn connect(url: &str, id: &str) -> Result<Self> {
        let options: SqliteConnectOptions = url
            .parse()
            .map_err(|e| CdcError::Config(format!("SQLite URL `{url}`: {e}")))?;
        let name: String = id
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        let source = Self {
            options: options.busy_timeout(Duration::from_secs(30)),
            changes: format!("_lakeforge_changes_{name}"),
        };
        source.conn().await?.close().await.map_err(err("close"))?;
        Ok(source)
    }

    async fn conn(&self) -> Result<SqliteConnection> {
        self.options.connect().await.map_err(err("open"))
    }

    /// SQLite needs no server setting; JSON functions are checked.
    pub async fn check(&self) -> Result<Vec<ConfigProblem>> {
        let mut conn = self.conn().await?;
        let json: std::result::Result<String, _> = sqlx::query_scalar("SELECT json_object('a', 1)")
            .fetch_one(&mut conn)
            .await;
        conn.close().await.map_err(err("close"))?;
        Ok(match json {
            Ok(_) => Vec::new(),
            Err(e) => vec![ConfigProblem {
                setting: "JSON1".into(),
                found: e.to_string(),
                wanted: "SQLite with JSON functions (3.38+ or JSON1)".into(),
                fix: "use a SQLite build with JSON functions".into(),
            }],
        })
    }

    /// The selected tables (lakeforge's own change table excluded).
    pub async fn tables(&self, mapping: &TableMapping) -> Result<Vec<Arc<TableSchema>>> {
        let mut conn = self.conn().await?;
        let tables = read_tables(&mut conn, mapping).await?;
        conn.close().await.map_err(err("close"))?;
        Ok(tables)
    }

    /// Installs capture, then reads every table and the change high-water mark in one
    /// read transaction.
    pub async fn full_load(
        &self,
        tables: &[Arc<TableSchema>],
        sink: &LoadSink,
    ) -> Result<Position> {
        let mut conn = self.conn().await?;
        install(&mut conn, &self.changes, tables).await?;
        sqlx::raw_sql("BEGIN")
            .execute(&mut conn)
            .await
            .map_err(err("begin snapshot"))?;
        let change_id = high_water(&mut conn, &self.changes).await?;
        for table in tables {
            let sql = format!(
                "SELECT {} FROM {}",
                json_row(table, ""),
                quote(&table.id.table)
            );
            let rows = sqlx::query_scalar::<_, String>(AssertSqlSafe(sql))
                .fetch_all(&mut conn)
                .await
                .map_err(err("snapshot read"))?;
            for chunk in rows.chunks(LOAD_CHUNK_ROWS) {
                let values = chunk
                    .iter()
                    .map(|json| decode_row(table, json))
                    .collect::<Result<Vec<_>>>()?;
                sink.write(table, values).await?;
            }
        }
        sqlx::raw_sql("COMMIT")
            .execute(&mut conn)
            .await
            .map_err(err("end snapshot"))?;
        conn.close().await.map_err(err("close"))?;
        Ok(Position::Sqlite { change_id })
    }

    /// Installs capture and starts after the changes recorded so far.
    pub async fn start_position(&self, tables: &[Arc<TableSchema>]) -> Result<Position> {
        let mut conn = self.conn().await?;
        install(&mut conn, &self.changes, tables).await?;
        let change_id = high_water(&mut conn, &self.changes).await?;
        conn.close().await.map_err(err("close"))?;
        Ok(Position::Sqlite { change_id })
    }

    /// The last change recorded (0 before capture is installed).
    pub async fn current_position(&self) -> Result<Position> {
        let mut conn = self.conn().await?;
        let change_id = high_water(&mut conn, &self.changes).await?;
        conn.close().await.map_err(err("close"))?;
        Ok(Position::Sqlite { change_id })
    }

    /// Polls the change table after `from`.
    pub async fn stream(&self, from: &Position, mapping: &TableMapping) -> Result<TriggerChanges> {
        let Position::Sqlite { change_id } = from else {
            return Err(foreign_position("sqlite", from));
        };
        let mut conn = self.conn().await?;
        let tables = read_tables(&mut conn, mapping).await?;
        install(&mut conn, &self.changes, &tables).await?;
        let schema_version = schema_version(&mut conn).await?;
        Ok(TriggerChanges {
            conn,
            mapping: mapping.clone(),
            changes: quote(&self.changes),
            raw_changes: self.changes.clone(),
            after: *change_id,
            tables,
            schema_version,
            buffered: std::collections::VecDeque::new(),
            caught_up: false,
        })
    }

    /// Drops the triggers and the change table.
    pub async fn teardown(&self) -> Result<()> {
        let mut conn = self.conn().await?;
        let triggers: Vec<String> = sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE ?",
        )
        .bind(format!("{}_%", self.changes))
        .fetch_all(&mut conn)
        .await
        .map_err(err("list triggers"))?;
        let mut script: String = triggers
            .iter()
            .map(|t| format!("DROP TRIGGER IF EXISTS {};\n", quote(t)))
            .collect();
        script.push_str(&format!("DROP TABLE IF EXISTS {};", quote(&self.changes)));
        sqlx::raw_sql(AssertSqlSafe(script))
            .execute(&mut conn)
            .await
            .map_err(err("drop capture"))?;
        conn.close().await.map_err(err("close"))?;
        Ok(())
    }
}

/// Creates the change table and (re)creates the triggers of `tables`, in one transaction.
async fn install(
    conn: &mut SqliteConnection,
    changes_table: &str,
    tables: &[Arc<TableSchema>],
) -> Result<()> {
    let changes = quote(changes_table);
    let mut script = format!(
        "BEGIN IMMEDIATE;\nCREATE TABLE IF NOT EXISTS {changes} (change_id INTEGER PRIMARY KEY AUTOINCREMENT, \
         table_name TEXT NOT NULL, op TEXT NOT NULL, \
         ts TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')), old_row TEXT, new_row TEXT);\n"
    );
    for table in tables {
        for (event, op, old, new) in [
            ("INSERT", "I", None, Some("NEW")),
            ("UPDATE", "U", Some("OLD"), Some("NEW")),
            ("DELETE", "D", Some("OLD"), None),
        ] {
            let trigger = quote(&format!("{changes_table}_{}_{op}", table.id.table));
            let image =
                |alias: Option<&str>| alias.map_or("NULL".to_owned(), |a| trigger_image(table, a));
            script.push_str(&format!(
                "DROP TRIGGER IF EXISTS {trigger};\nCREATE TRIGGER {trigger} AFTER {event} ON {} BEGIN \
                 INSERT INTO {changes} (table_name, op, old_row, new_row) VALUES ({}, '{op}', {}, {}); END;\n",
                quote(&table.id.table),
                literal(&table.id.table),
                image(old),
                image(new),
            ));
        }
    }
    script.push_str("COMMIT;");
    sqlx::raw_sql(AssertSqlSafe(script))
        .execute(&mut *conn)
        .await
        .map_err(err("install capture triggers"))?;
    Ok(())
}

/// The key under which trigger images of tables without a primary key record `rowid`.
const ROWID_KEY: &str = "_lakeforge_rowid";

/// The SQL text of `column` of the row `alias` (`NEW`, `OLD`, or "" for the table's own
/// row) as it is written to JSON: blobs as hex.
fn column_value(column: &Column, alias: &str) -> String {
    let value = if alias.is_empty() {
        quote(&column.name)
    } else {
        format!("{alias}.{}", quote(&column.name))
    };
    match column.kind {
        ColumnKind::Binary => format!("hex({value})"),
        _ => value,
    }
}

/// `json_object('a', alias.a, 'b', hex(alias.b), …)` for the columns of `table`.
fn json_row(table: &TableSchema, alias: &str) -> String {
    let pairs = table
        .columns
        .iter()
        .map(|c| format!("{}, {}", literal(&c.name), column_value(c, alias)))
        .collect::<Vec<_>>()
        .join(", ");
    format!("json_object({pairs})")
}

/// A trigger's row image: [`json_row`], plus `rowid` when the table has no primary key
/// (so that [`complete_image`] can find the row again).
fn trigger_image(table: &TableSchema, alias: &str) -> String {
    let row = json_row(table, alias);
    if table.primary_key.is_empty() {
        format!("json_set({row}, '$.{ROWID_KEY}', {alias}.rowid)")
    } else {
        row
    }
}

/// Whether a row image lacks a column of `table` (written by a trigger installed before
/// an `ADD COLUMN`).
fn lacks_columns(table: &TableSchema, json: &str) -> Result<bool> {
    let object: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(json).map_err(|e| CdcError::sqlite("row image", e))?;
    Ok(table.columns.iter().any(|c| !object.contains_key(&c.name)))
}

/// Completes a row image that lacks columns with the values of the table's current row
/// of the same key (values the image has win; a row deleted since leaves them NULL).
async fn complete_image(
    conn: &mut SqliteConnection,
    table: &TableSchema,
    json: &str,
) -> Result<String> {
    let path = |name: &str| literal(&format!("$.\"{}\"", name.replace('"', "\\\"")));
    let matches: Vec<String> = if table.primary_key.is_empty() {
        vec![format!("rowid = json_extract(?1, {})", path(ROWID_KEY))]
    } else {
        table
            .primary_key
            .iter()
            .filter_map(|key| table.columns.iter().find(|c| &c.name == key))
            .map(|c| {
                format!(
                    "{} IS json_extract(?1, {})",
                    column_value(c, ""),
                    path(&c.name)
                )
            })
            .collect()
    };
    let sql = format!(
        "SELECT json_patch(coalesce((SELECT {} FROM {} WHERE {}), '{{}}'), ?1)",
        json_row(table, ""),
        quote(&table.id.table),
        matches.join(" AND ")
    );
    sqlx::query_scalar(AssertSqlSafe(sql))
        .bind(json)
        .fetch_one(&mut *conn)
        .await
        .map_err(err("complete a row image"))
}

async fn read_tables(
    conn: &mut SqliteConnection,
    mapping: &TableMapping,
) -> Result<Vec<Arc<TableSchema>>> {
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_lakeforge_%' ORDER BY name",
    )
    .fetch_all(&mut *conn)
    .await
    .map_err(err("list tables"))?;
    let mut tables = Vec::new();
    for name in names {
        let id = TableId::new(SCHEMA, name);
        if !mapping.selects(&id) {
            continue;
        }
        let rows = sqlx::query(AssertSqlSafe(format!(
            "PRAGMA table_info({})",
            quote(&id.table)
        )))
        .fetch_all(&mut *conn)
        .await
        .map_err(err("table info"))?;
        let mut keys: Vec<(i64, String)> = Vec::new();
        let columns = rows
            .iter()
            .map(|row| {
                let name: String = row.get("name");
                let declared: String = row.get("type");
                let pk: i64 = row.get("pk");
                if pk > 0 {
                    keys.push((pk, name.clone()));
                }
                Column {
                    name,
                    kind: kind_from_declared(&declared),
                    source_type: declared,
                }
            })
            .collect();
        keys.sort();
        tables.push(Arc::new(TableSchema {
            id,
            columns,
            primary_key: keys.into_iter().map(|(_, n)| n).collect(),
        }));
    }
    Ok(tables)
}

async fn high_water(conn: &mut SqliteConnection, changes: &str) -> Result<i64> {
    let seq: Option<i64> = sqlx::query_scalar("SELECT seq FROM sqlite_sequence WHERE name = ?")
        .bind(changes)
        .fetch_optional(&mut *conn)
        .await
        .map_err(err("change high-water mark"))?;
    Ok(seq.unwrap_or(0))
}

async fn schema_version(conn: &mut SqliteConnection) -> Result<i64> {
    sqlx::query_scalar("PRAGMA schema_version")
        .fetch_one(&mut *conn)
        .await
        .map_err(err("schema version"))
}

/// A JSON row image → values in `table`'s column order (missing keys are NULL).
fn decode_row(table: &TableSchema, json: &str) -> Result<Vec<Value>> {
    let object: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(json).map_err(|e| CdcError::sqlite("row image", e))?;
    table
        .columns
        .iter()
        .map(|column| {
            let value = match object.get(&column.name) {
                None | Some(serde_json::Value::Null) => Ok(Value::Null),
                Some(serde_json::Value::Number(n)) => match (&column.kind, n.as_i64()) {
                    (ColumnKind::Float32 | ColumnKind::Float64, _) | (_, None) => {
                        parse_text(&column.kind, &n.to_string())
                    }
                    (ColumnKind::Text, Some(i)) => Ok(Value::Text(i.to_string())),
                    (_, Some(i)) => Ok(Value::Int(i)),
                },
                Some(serde_json::Value::String(s)) if column.kind == ColumnKind::Binary => {
                    hex(s).map(Value::Bytes)
                }
                Some(serde_json::Value::String(s)) => parse_text(&column.kind, s),
                Some(other) => Ok(Value::Text(other.to_string())),
            };
            value.map_err(|message| CdcError::Type {
                table: table.id.to_string(),
                column: column.name.clone(),
                message,
            })
        })
        .collect()
}

fn hex(text: &str) -> std::result::Result<Vec<u8>, String> {
    (0..text.len())
        .step_by(2)
        .map(|i| {
            text.get(i..i + 2)
                .and_then(|pair| u8::from_str_radix(pair, 16).ok())
                .ok_or_else(|| format!("`{text}` is not hex"))
        })
        .collect()
}

/// The change table of a SQLite database, from a change id on.
pub struct TriggerChanges {
    conn: SqliteConnection,
    mapping: TableMapping,
    changes: String,
    raw_changes: String,
    after: i64,
    tables: Vec<Arc<TableSchema>>,
    schema_version: i64,
    buffered: std::collections::VecDeque<Transaction>,
    caught_up: bool,
}

impl TriggerChanges {
    /// The next change (each change row is its own transaction), or `Idle` after `wait`.
    pub async fn next(&mut self, wait: Duration) -> Result<StreamEvent> {
        if let Some(transaction) = self.buffered.pop_front() {
            return Ok(StreamEvent::Transaction(transaction));
        }
        if self.caught_up {
            tokio::time::sleep(wait).await;
        }
        self.refresh_schema().await?;
        let rows = sqlx::query(AssertSqlSafe(format!(
            "SELECT change_id, table_name, op, ts, old_row, new_row FROM {} WHERE change_id > ? ORDER BY change_id LIMIT ?",
            self.changes
        )))
        .bind(self.after)
        .bind(POLL_ROWS)
        .fetch_all(&mut self.conn)
        .await
        .map_err(err("read changes"))?;
        self.caught_up = (rows.len() as i64) < POLL_ROWS;
        for row in rows {
            let change_id: i64 = row.get(0);
            self.after = change_id;
            let name: String = row.get(1);
            let Some(table) = self.tables.iter().find(|t| t.id.table == name).cloned() else {
                continue;
            };
            let op: String = row.get(2);
            let ts: String = row.get(3);
            let old = self.image(&table, row.get(4)).await?;
            let new = self.image(&table, row.get(5)).await?;
            let make = |op, values| RowChange {
                table: table.clone(),
                op,
                values,
            };
            let changes = match (op.as_str(), old, new) {
                ("I", _, Some(new)) => vec![make(Op::Insert, new)],
                ("D", Some(old), _) => vec![make(Op::Delete, old)],
                ("U", Some(old), Some(new)) => update_changes(&table, old, new),
                _ => {
                    return Err(CdcError::sqlite(
                        "change table",
                        format!("malformed change {change_id}"),
                    ));
                }
            };
            let commit = chrono::NaiveDateTime::parse_from_str(&ts, "%Y-%m-%d %H:%M:%S%.f")
                .map_err(|e| CdcError::sqlite("change time", e))?;
            self.buffered.push_back(Transaction {
                position: Position::Sqlite { change_id },
                commit_micros: micros_since_epoch(commit),
                changes,
                ddl: Vec::new(),
            });
        }
        Ok(match self.buffered.pop_front() {
            Some(transaction) => StreamEvent::Transaction(transaction),
            None => StreamEvent::Idle { caught_up: true },
        })
    }

    /// Decodes a row image, completing it first when it lacks columns.
    async fn image(
        &mut self,
        table: &TableSchema,
        json: Option<String>,
    ) -> Result<Option<Vec<Value>>> {
        let Some(mut json) = json else {
            return Ok(None);
        };
        if lacks_columns(table, &json)? {
            json = complete_image(&mut self.conn, table, &json).await?;
        }
        decode_row(table, &json).map(Some)
    }

    /// Re-reads schemas and re-installs triggers after DDL, so new columns are captured.
    async fn refresh_schema(&mut self) -> Result<()> {
        let version = schema_version(&mut self.conn).await?;
        if version == self.schema_version {
            return Ok(());
        }
        let tables = read_tables(&mut self.conn, &self.mapping).await?;
        install(&mut self.conn, &self.raw_changes, &tables).await?;
        self.tables = tables;
        self.schema_version = schema_version(&mut self.conn).await?;
        Ok(())
    }

    /// Trims the change table up to `position`.
    pub async fn ack(&mut self, position: &Position) -> Result<()> {
        let Position::Sqlite { change_id } = position else {
            return Err(foreign_position("sqlite", position));
        };
        sqlx::query(AssertSqlSafe(format!(
            "DELETE FROM {} WHERE change_id <= ?",
            self.changes
        )))
        .bind(change_id)
        .execute(&mut self.conn)
        .await
        .map_err(err("trim changes"))?;
        Ok(())
    }
}
