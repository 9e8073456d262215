//! MySQL/MariaDB source: full load from per-connection consistent snapshots opened
//! under `FLUSH TABLES WITH READ LOCK` (aligned with `SHOW MASTER STATUS`), and changes
//! from the ROW-format binlog read as a replica (`COM_BINLOG_DUMP`).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use futures::StreamExt;
use mysql_async::binlog::EventType;
use mysql_async::binlog::events::{Event, EventData, RowsEventData, TableMapEvent};
use mysql_async::binlog::row::BinlogRow;
use mysql_async::binlog::value::BinlogValue;
use mysql_async::consts::{ColumnFlags, ColumnType};
use mysql_async::prelude::Queryable;
use mysql_async::{BinlogStream, BinlogStreamRequest, Conn, Opts, Row};

use super::{ConfigProblem, StreamEvent, foreign_position};
use crate::error::{CdcError, Result};
use crate::event::{Op, RowChange, SchemaChange, Transaction, update_changes};
use crate::mapping::TableMapping;
use crate::position::Position;
use crate::schema::{Column, TableId, TableSchema};
use crate::snapshot::{LOAD_CHUNK_ROWS, LoadSink};
use crate::types::mysql::{
    Hint, convert, hint_from_column_type, kind_from_binlog, kind_from_column_type,
};
use crate::value::Value;

/// Parallel snapshot connections of a full load.
const SNAPSHOT_WORKERS: usize = 4;

/// Schemas that are never captured.
const SYSTEM_SCHEMAS: &str = "'mysql','information_schema','performance_schema','sys'";

/// A MySQL or MariaDB server.
pub struct MysqlSource {
    opts: Opts,
    server_id: u32,
}

fn err(context: &str) -> impl Fn(mysql_async::Error) -> CdcError + '_ {
    move |e| CdcError::mysql(context, e)
}

impl MysqlSource {
    /// Connects (and disconnects) once to validate `url` (`mysql://` or `mariadb://`).
    pub async fn connect(url: &str, id: &str) -> Result<Self> {
        let url = match url.strip_prefix("mariadb://") {
            Some(rest) => format!("mysql://{rest}"),
            None => url.to_owned(),
        };
        let opts = Opts::from_url(&url)
            .map_err(|e| CdcError::Config(format!("MySQL URL `{url}`: {e}")))?;
        let source = Self {
            opts,
            // A replica id of its own per ingestion, clear of typical server ids.
            server_id: 1_000_000
                + id.bytes()
                    .fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)))
                    % 1_000_000,
        };
        source
            .conn()
            .await?
            .disconnect()
            .await
            .map_err(err("disconnect"))?;
        Ok(source)
    }

    async fn conn(&self) -> Result<Conn> {
        Conn::new(self.opts.clone()).await.map_err(err("connect"))
    }

    /// Binlog settings that keep the server from row-based capture.
    pub async fn check(&self) -> Result<Vec<ConfigProblem>> {
        let mut conn = self.conn().await?;
        let mut problems = Vec::new();
        let fix_file = "in the server config ([mysqld] section, e.g. /etc/mysql/conf.d/lakeforge-cdc.cnf) set log_bin=mysql-bin, binlog_format=ROW, binlog_row_image=FULL, binlog_row_metadata=FULL, server_id=1 and restart the server (scripts/setup-cdc-sources.sh does this)";
        let wanted = [
            ("log_bin", "ON", fix_file.to_owned()),
            (
                "binlog_format",
                "ROW",
                format!("SET GLOBAL binlog_format=ROW, or {fix_file}"),
            ),
            (
                "binlog_row_image",
                "FULL",
                format!("SET GLOBAL binlog_row_image=FULL, or {fix_file}"),
            ),
            (
                "binlog_row_metadata",
                "FULL",
                format!(
                    "SET GLOBAL binlog_row_metadata=FULL (MySQL ≥ 8.0.1, MariaDB ≥ 10.5), or {fix_file}"
                ),
            ),
        ];
        for (setting, value, fix) in wanted {
            let found: Option<Option<String>> = conn
                .query_first(format!("SELECT CAST(@@GLOBAL.{setting} AS CHAR)"))
                .await
                .unwrap_or(Some(None));
            let found = found
                .flatten()
                .unwrap_or_else(|| "(not supported by this server)".to_owned());
            if !found.eq_ignore_ascii_case(value) {
                problems.push(ConfigProblem {
                    setting: setting.to_owned(),
                    found,
                    wanted: value.to_owned(),
                    fix,
                });
            }
        }
        let server_id: Option<u32> = conn
            .query_first("SELECT @@server_id")
            .await
            .map_err(err("server_id"))?;
        if server_id == Some(0) {
            problems.push(ConfigProblem {
                setting: "server_id".into(),
                found: "0".into(),
                wanted: "a non-zero id".into(),
                fix: fix_file.to_owned(),
            });
        }
        conn.disconnect().await.map_err(err("disconnect"))?;
        Ok(problems)
    }

    /// The selected base tables with their columns and primary keys.
    pub async fn tables(&self, mapping: &TableMapping) -> Result<Vec<Arc<TableSchema>>> {
        let mut conn = self.conn().await?;
        let columns: Vec<(String, String, String, String, String)> = conn
            .query(format!(
                "SELECT c.TABLE_SCHEMA, c.TABLE_NAME, c.COLUMN_NAME, c.DATA_TYPE, c.COLUMN_TYPE \
                 FROM information_schema.COLUMNS c JOIN information_schema.TABLES t \
                   ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME \
                 WHERE t.TABLE_TYPE = 'BASE TABLE' AND c.TABLE_SCHEMA NOT IN ({SYSTEM_SCHEMAS}) \
                 ORDER BY c.TABLE_SCHEMA, c.TABLE_NAME, c.ORDINAL_POSITION"
            ))
            .await
            .map_err(err("list columns"))?;
        let keys: Vec<(String, String, String)> = conn
            .query(format!(
                "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME FROM information_schema.STATISTICS \
                 WHERE INDEX_NAME = 'PRIMARY' AND TABLE_SCHEMA NOT IN ({SYSTEM_SCHEMAS}) \
                 ORDER BY TABLE_SCHEMA, TABLE_NAME, SEQ_IN_INDEX"
            ))
            .await
            .map_err(err("list primary keys"))?;
        conn.disconnect().await.map_err(err("disconnect"))?;
        let mut tables: Vec<TableSchema> = Vec::new();
        for (schema, table, name, data_type, column_type) in columns {
            let id = TableId::new(schema, table);
            if !mapping.selects(&id) {
                continue;
            }
            if tables.last().is_none_or(|t| t.id != id) {
                tables.push(TableSchema {
                    id: id.clone(),
                    columns: Vec::new(),
                    primary_key: Vec::new(),
                });
            }
            let kind = kind_from_column_type(&data_type, &column_type);
            let table = tables.last_mut().expect("pushed above");
            table.columns.push(Column {
                name,
                kind,
                source_type: column_type,
            });
        }
        for (schema, table, column) in keys {
            if let Some(t) = tables
                .iter_mut()
                .find(|t| t.id.schema == schema && t.id.table == table)
            {
                t.primary_key.push(column);
            }
        }
        Ok(tables.into_iter().map(Arc::new).collect())
    }

    /// The binlog position now, and the GTID position when the server has one.
    async fn master_status(conn: &mut Conn) -> Result<Position> {
        let row: Option<Row> = conn
            .query_first("SHOW MASTER STATUS")
            .await
            .map_err(err("SHOW MASTER STATUS"))?;
        let row = row.ok_or_else(|| CdcError::NotConfigured("SHOW MASTER STATUS is empty: the binary log is off; set log_bin in the server config and restart".into()))?;
        let file: String = row.get(0).unwrap_or_default();
        let offset: u64 = row.get(1).unwrap_or_default();
        let gtid: Option<String> = conn
            .query_first("SELECT @@GLOBAL.gtid_binlog_pos")
            .await
            .ok()
            .flatten();
        Ok(Position::Mysql { file, offset, gtid })
    }

    /// The current end of the binlog.
    pub async fn current_position(&self) -> Result<Position> {
        let mut conn = self.conn().await?;
        let position = Self::master_status(&mut conn).await?;
        conn.disconnect().await.map_err(err("disconnect"))?;
        Ok(position)
    }

    /// Consistent snapshots on parallel connections, all opened under one global read lock
    /// together with reading the binlog position, so the load and the stream meet exactly.
    pub async fn full_load(
        &self,
        tables: &[Arc<TableSchema>],
        sink: &LoadSink,
    ) -> Result<Position> {
        let mut lock = self.conn().await?;
        lock.query_drop("FLUSH TABLES WITH READ LOCK")
            .await
            .map_err(|e| {
                CdcError::mysql(
                    "FLUSH TABLES WITH READ LOCK (needs the RELOAD privilege)",
                    e,
                )
            })?;
        let workers = SNAPSHOT_WORKERS.min(tables.len()).max(1);
        let mut conns = Vec::with_capacity(workers);
        for _ in 0..workers {
            let mut conn = self.conn().await?;
            conn.query_drop("SET time_zone = '+00:00'")
                .await
                .map_err(err("set time zone"))?;
            conn.query_drop("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                .await
                .map_err(err("set isolation"))?;
            conn.query_drop("START TRANSACTION WITH CONSISTENT SNAPSHOT")
                .await
                .map_err(err("start snapshot"))?;
            conns.push(conn);
        }
        let position = Self::master_status(&mut lock).await?;
        lock.query_drop("UNLOCK TABLES")
            .await
            .map_err(err("UNLOCK TABLES"))?;
        lock.disconnect().await.map_err(err("disconnect"))?;

        let mut tasks = Vec::new();
        for (worker, conn) in conns.into_iter().enumerate() {
            let mine: Vec<Arc<TableSchema>> = tables
                .iter()
                .skip(worker)
                .step_by(workers)
                .cloned()
                .collect();
            let sink = sink.clone();
            tasks.push(tokio::spawn(
                async move { load_tables(conn, mine, sink).await },
            ));
        }
        for task in tasks {
            task.await
                .map_err(|e| CdcError::mysql("snapshot worker", e))??;
        }
        Ok(position)
    }

    /// Opens the binlog after `from`.
    pub async fn stream(&self, from: &Position, mapping: &TableMapping) -> Result<BinlogChanges> {
        let Position::Mysql { file, offset, gtid } = from else {
            return Err(foreign_position("mysql", from));
        };
        let target = self.current_position().await?;
        let mut conn = self.conn().await?;
        let checksum: Option<String> = conn
            .query_first("SELECT CAST(@@GLOBAL.binlog_checksum AS CHAR)")
            .await
            .map_err(err("binlog_checksum"))?;
        let request = BinlogStreamRequest::new(self.server_id)
            .with_filename(file.as_bytes())
            .with_pos(*offset);
        let stream = conn
            .get_binlog_stream(request)
            .await
            .map_err(err("binlog dump"))?;
        Ok(BinlogChanges {
            stream,
            mapping: mapping.clone(),
            file: file.clone(),
            gtid: gtid.clone(),
            between: (file.clone(), *offset),
            target,
            tables: HashMap::new(),
            open: None,
            checksum: checksum.is_some_and(|c| !c.eq_ignore_ascii_case("NONE")),
            fde_seen: false,
        })
    }
}

/// Reads `tables` in the snapshot of `conn`, landing them in chunks.
async fn load_tables(mut conn: Conn, tables: Vec<Arc<TableSchema>>, sink: LoadSink) -> Result<()> {
    for table in tables {
        let hints: Vec<Hint> = table
            .columns
            .iter()
            .map(|c| hint_from_column_type(&c.source_type))
            .collect();
        let columns = table
            .columns
            .iter()
            .map(|c| format!("`{}`", c.name.replace('`', "``")))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT {columns} FROM `{}`.`{}`",
            table.id.schema.replace('`', "``"),
            table.id.table.replace('`', "``")
        );
        let mut chunk = Vec::with_capacity(LOAD_CHUNK_ROWS);
        {
            let mut result = conn.query_iter(sql).await.map_err(err("snapshot read"))?;
            while let Some(row) = result.next().await.map_err(err("snapshot read"))? {
                chunk.push(row_values(&table, &hints, row.unwrap())?);
                if chunk.len() == LOAD_CHUNK_ROWS {
                    sink.write(&table, std::mem::take(&mut chunk)).await?;
                }
            }
        }
        sink.write(&table, chunk).await?;
    }
    conn.query_drop("COMMIT")
        .await
        .map_err(err("end snapshot"))?;
    conn.disconnect().await.map_err(err("disconnect"))?;
    Ok(())
}

/// Converts one row of MySQL values to the table's kinds.
fn row_values(
    table: &TableSchema,
    hints: &[Hint],
    values: Vec<mysql_async::Value>,
) -> Result<Vec<Value>> {
    values
        .into_iter()
        .zip(&table.columns)
        .zip(hints)
        .map(|((value, column), hint)| {
            convert(&column.kind, hint, value).map_err(|message| CdcError::Type {
                table: table.id.to_string(),
                column: column.name.clone(),
                message,
            })
        })
        .collect()
}

/// A table as the binlog describes it (one table map id).
struct MappedTable {
    schema: Arc<TableSchema>,
    hints: Vec<Hint>,
    selected: bool,
}

/// The transaction being read.
struct OpenTransaction {
    changes: Vec<RowChange>,
}

/// The binlog of a MySQL/MariaDB server, from a position on.
pub struct BinlogChanges {
    stream: BinlogStream,
    mapping: TableMapping,
    /// The binlog file being read.
    file: String,
    gtid: Option<String>,
    /// The position after the last event read outside a transaction.
    between: (String, u64),
    /// The end of the binlog when the stream opened.
    target: Position,
    tables: HashMap<u64, MappedTable>,
    open: Option<OpenTransaction>,
    /// Whether the server checksums binlog events.
    checksum: bool,
    /// Whether this stream's format description event has arrived.
    fde_seen: bool,
}

impl BinlogChanges {
    /// The next committed transaction (or DDL), or `Idle` after `wait` of silence.
    pub async fn next(&mut self, wait: Duration) -> Result<StreamEvent> {
        loop {
            let event = match tokio::time::timeout(wait, self.stream.next()).await {
                Err(_) => {
                    return Ok(StreamEvent::Idle {
                        caught_up: self.caught_up(),
                    });
                }
                Ok(None) => {
                    return Err(CdcError::mysql(
                        "binlog",
                        "the server closed the binlog stream",
                    ));
                }
                Ok(Some(event)) => event.map_err(err("binlog"))?,
            };
            if let Some(transaction) = self.apply(&event)? {
                return Ok(StreamEvent::Transaction(transaction));
            }
        }
    }

    fn caught_up(&self) -> bool {
        let here = Position::Mysql {
            file: self.between.0.clone(),
            offset: self.between.1,
            gtid: None,
        };
        self.open.is_none() && here.compare(&self.target).is_some_and(|o| o.is_ge())
    }

    fn position_after(&self, event: &Event) -> Position {
        Position::Mysql {
            file: self.file.clone(),
            offset: u64::from(event.header().log_pos()),
            gtid: self.gtid.clone(),
        }
    }

    /// Folds one event into the open transaction; returns a transaction when one commits.
    fn apply(&mut self, event: &Event) -> Result<Option<Transaction>> {
        let header = event.header();
        let is_fde = header.event_type() == Ok(EventType::FORMAT_DESCRIPTION_EVENT);
        self.fde_seen |= is_fde;
        let data = event
            .read_data()
            .map_err(|e| CdcError::mysql("binlog event", e))?;
        let mut committed = None;
        match data {
            Some(EventData::RotateEvent(rotate)) => {
                // The first (artificial) rotate event arrives before the format
                // description, so its CRC32 checksum is still attached to the name.
                let raw = rotate.name_raw();
                let raw = match (self.checksum, self.fde_seen) {
                    (true, false) => &raw[..raw.len().saturating_sub(4)],
                    _ => raw,
                };
                self.file = String::from_utf8_lossy(raw).into_owned();
                self.between = (self.file.clone(), rotate.position());
                return Ok(None);
            }
            Some(EventData::QueryEvent(query)) => {
                let sql = query.query();
                let statement = sql.trim();
                if statement.starts_with('#') {
                    // MariaDB's stand-ins for events an old-style replica would not know
                    // (annotate rows, …): comments, not statements.
                } else if statement.eq_ignore_ascii_case("BEGIN") {
                    self.open = Some(OpenTransaction {
                        changes: Vec::new(),
                    });
                } else if statement.eq_ignore_ascii_case("COMMIT") {
                    committed = self.open.take().map(|t| t.changes);
                } else if statement.eq_ignore_ascii_case("ROLLBACK") {
                    self.open = None;
                } else {
                    // DDL commits implicitly; table ids are reassigned after it.
                    self.tables.clear();
                    self.open = None;
                    let ddl = ddl_report(&self.mapping, &query.schema(), statement);
                    self.between = (self.file.clone(), u64::from(header.log_pos()));
                    return Ok(Some(Transaction {
                        position: self.position_after(event),
                        commit_micros: i64::from(header.timestamp()) * 1_000_000,
                        changes: Vec::new(),
                        ddl: ddl.into_iter().collect(),
                    }));
                }
            }
            Some(EventData::XidEvent(_)) => committed = self.open.take().map(|t| t.changes),
            Some(EventData::TableMapEvent(map)) => {
                self.tables.remove(&map.table_id());
            }
            Some(EventData::RowsEvent(rows)) => {
                let changes = self.rows(&rows)?;
                self.open
                    .get_or_insert_with(|| OpenTransaction {
                        changes: Vec::new(),
                    })
                    .changes
                    .extend(changes);
            }
            _ => {}
        }
        if let Some(changes) = committed {
            let position = self.position_after(event);
            self.between = (self.file.clone(), u64::from(header.log_pos()));
            return Ok(Some(Transaction {
                position,
                commit_micros: i64::from(header.timestamp()) * 1_000_000,
                changes,
                ddl: Vec::new(),
            }));
        }
        // Events replayed from before the start (format description, GTID lists) carry
        // earlier offsets: positions only move forward.
        if self.open.is_none() && !is_fde && u64::from(header.log_pos()) > self.between.1 {
            self.between = (self.file.clone(), u64::from(header.log_pos()));
        }
        Ok(None)
    }

    /// The row changes of a rows event (nothing for tables not captured).
    fn rows(&mut self, rows: &RowsEventData<'_>) -> Result<Vec<RowChange>> {
        let table_id = rows.table_id();
        let tme = self.stream.get_tme(table_id).ok_or_else(|| {
            CdcError::mysql("binlog", format!("rows for unknown table map {table_id}"))
        })?;
        let op = match rows {
            RowsEventData::WriteRowsEventV1(_) | RowsEventData::WriteRowsEvent(_) => Op::Insert,
            RowsEventData::DeleteRowsEventV1(_) | RowsEventData::DeleteRowsEvent(_) => Op::Delete,
            _ => Op::Update,
        };
        let mut changes = Vec::new();
        for row in rows.rows(tme) {
            let (before, after) = row.map_err(|e| CdcError::mysql("binlog row", e))?;
            let sample = after
                .as_ref()
                .or(before.as_ref())
                .ok_or_else(|| CdcError::mysql("binlog", "row event without an image"))?;
            if !self.tables.contains_key(&table_id) {
                let mapped = map_table(tme, sample, &self.mapping)?;
                self.tables.insert(table_id, mapped);
            }
            let table = &self.tables[&table_id];
            if !table.selected {
                return Ok(Vec::new());
            }
            let image = |row: BinlogRow| binlog_values(table, row);
            match (op, before, after) {
                (Op::Insert, _, Some(after)) => {
                    changes.push(change(table, Op::Insert, image(after)?))
                }
                (Op::Delete, Some(before), _) => {
                    changes.push(change(table, Op::Delete, image(before)?))
                }
                (Op::Update, Some(before), Some(after)) => {
                    let before = image(before)?;
                    let after = image(after)?;
                    changes.extend(update_changes(&table.schema, before, after));
                }
                _ => {
                    return Err(CdcError::mysql(
                        "binlog",
                        "row event with a missing image; set binlog_row_image=FULL",
                    ));
                }
            }
        }
        Ok(changes)
    }
}

fn change(table: &MappedTable, op: Op, values: Vec<Value>) -> RowChange {
    RowChange {
        table: table.schema.clone(),
        op,
        values,
    }
}

/// The schema of a table map, from its optional metadata (`binlog_row_metadata=FULL`).
fn map_table(
    tme: &TableMapEvent<'_>,
    sample: &BinlogRow,
    mapping: &TableMapping,
) -> Result<MappedTable> {
    let id = TableId::new(tme.database_name(), tme.table_name());
    let selected = mapping.selects(&id);
    let mut enum_labels = Vec::new();
    let mut set_labels = Vec::new();
    for field in tme.iter_optional_meta() {
        use mysql_async::binlog::events::OptionalMetadataField as F;
        match field.map_err(|e| CdcError::mysql("table map metadata", e))? {
            F::EnumStrValue(values) => {
                for labels in values.iter_values() {
                    let labels = labels.map_err(|e| CdcError::mysql("enum labels", e))?;
                    enum_labels.push(
                        labels
                            .values()
                            .iter()
                            .map(|v| v.value().into_owned())
                            .collect::<Vec<_>>(),
                    );
                }
            }
            F::SetStrValue(values) => {
                for labels in values.iter_values() {
                    let labels = labels.map_err(|e| CdcError::mysql("set labels", e))?;
                    set_labels.push(
                        labels
                            .values()
                            .iter()
                            .map(|v| v.value().into_owned())
                            .collect::<Vec<_>>(),
                    );
                }
            }
            _ => {}
        }
    }
    let (mut enums, mut sets) = (enum_labels.into_iter(), set_labels.into_iter());
    let mut columns = Vec::new();
    let mut hints = Vec::new();
    let mut primary_key = Vec::new();
    for (index, column) in sample.columns_ref().iter().enumerate() {
        let name = column.name_str().into_owned();
        if selected && name.starts_with('@') {
            return Err(CdcError::NotConfigured(format!(
                "the binlog has no column names for {id}: SET GLOBAL binlog_row_metadata=FULL (and in the server config)"
            )));
        }
        let column_type = tme
            .get_column_type(index)
            .ok()
            .flatten()
            .unwrap_or(column.column_type());
        let meta = tme.get_column_metadata(index).unwrap_or(&[]);
        let unsigned = column.flags().contains(ColumnFlags::UNSIGNED_FLAG);
        let kind = kind_from_binlog(column_type, meta, unsigned, column.character_set());
        hints.push(match column_type {
            ColumnType::MYSQL_TYPE_ENUM => Hint::Enum(enums.next().unwrap_or_default()),
            ColumnType::MYSQL_TYPE_SET => Hint::Set(sets.next().unwrap_or_default()),
            ColumnType::MYSQL_TYPE_BIT => Hint::Bits,
            _ => Hint::None,
        });
        if column.flags().contains(ColumnFlags::PRI_KEY_FLAG) {
            primary_key.push(name.clone());
        }
        columns.push(Column {
            name,
            source_type: format!("{column_type:?}")
                .trim_start_matches("MYSQL_TYPE_")
                .to_ascii_lowercase(),
            kind,
        });
    }
    Ok(MappedTable {
        schema: Arc::new(TableSchema {
            id,
            columns,
            primary_key,
        }),
        hints,
        selected,
    })
}

fn binlog_values(table: &MappedTable, row: BinlogRow) -> Result<Vec<Value>> {
    let schema = &table.schema;
    row.unwrap()
        .into_iter()
        .zip(&schema.columns)
        .zip(&table.hints)
        .map(|((value, column), hint)| {
            let plain = match value {
                BinlogValue::Value(v) => Ok(v),
                BinlogValue::Jsonb(json) => serde_json::Value::try_from(json)
                    .map(|j| mysql_async::Value::Bytes(j.to_string().into_bytes()))
                    .map_err(|e| e.to_string()),
                BinlogValue::JsonDiff(_) => Err("partial JSON updates are not supported: SET GLOBAL binlog_row_value_options=''".to_owned()),
            };
            plain
                .and_then(|v| convert(&column.kind, hint, v))
                .map_err(|message| CdcError::Type {
                    table: schema.id.to_string(),
                    column: column.name.clone(),
                    message,
                })
        })
        .collect()
}

/// DDL worth reporting: statements on captured schemas that the landed data does not
/// express by itself. Column additions and drops show as schema changes of the next rows.
fn ddl_report(
    mapping: &TableMapping,
    default_schema: &str,
    statement: &str,
) -> Option<SchemaChange> {
    let lower = statement.to_ascii_lowercase();
    let schema_selected =
        mapping.selects_schema(default_schema) || mapping_mentions(mapping, &lower);
    if !schema_selected || lower.starts_with("flush") || lower.starts_with("savepoint") {
        return None;
    }
    Some(SchemaChange::Other {
        table: None,
        statement: statement.to_owned(),
    })
}

/// Whether a statement names a schema the mapping captures (`ALTER TABLE c360.x …`).
fn mapping_mentions(mapping: &TableMapping, lower_statement: &str) -> bool {
    lower_statement
        .split(|c: char| c.is_whitespace() || c == '`')
        .filter_map(|word| word.split_once('.').map(|(schema, _)| schema))
        .any(|schema| mapping.selects_schema(schema))
}
