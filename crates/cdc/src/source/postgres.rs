//! PostgreSQL source: a publication of the captured tables and a pgoutput replication
//! slot. The full load reads the slot's exported snapshot (`EXPORT_SNAPSHOT` on a
//! replication session kept open while parallel connections `SET TRANSACTION SNAPSHOT`),
//! so the load and the slot's consistent point meet exactly.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use futures::TryStreamExt;
use pg_walstream::{LogicalReplicationMessage, LogicalReplicationParser, RelationInfo, TupleData};
use pgwire_replication::{Lsn, ReplicationClient, ReplicationConfig, ReplicationEvent};
use sqlx::postgres::{PgConnectOptions, PgConnection};
use sqlx::{AssertSqlSafe, ConnectOptions, Connection, Row};

use super::{ConfigProblem, StreamEvent, foreign_position};
use crate::error::{CdcError, Result};
use crate::event::{Op, RowChange, SchemaChange, Transaction, update_changes};
use crate::mapping::TableMapping;
use crate::position::{Position, parse_lsn};
use crate::schema::{Column, TableId, TableSchema};
use crate::snapshot::{LOAD_CHUNK_ROWS, LoadSink};
use crate::types::postgres::{kind_from_oid, parse};
use crate::value::Value;

/// Parallel snapshot connections of a full load.
const SNAPSHOT_WORKERS: usize = 4;

/// Microseconds between the Unix epoch and PostgreSQL's (2000-01-01).
const PG_EPOCH_MICROS: i64 = 946_684_800_000_000;

/// A PostgreSQL database.
pub struct PostgresSource {
    options: PgConnectOptions,
    url: url::Url,
    slot: String,
    publication: String,
}

fn err(context: &str) -> impl Fn(sqlx::Error) -> CdcError + '_ {
    move |e| CdcError::postgres(context, e)
}

fn quote(identifier: &str) -> String {
    format!("\"{}\"", identifier.replace('"', "\"\""))
}

fn qualified(table: &TableId) -> String {
    format!("{}.{}", quote(&table.schema), quote(&table.table))
}

impl PostgresSource {
    /// Connects once to validate `url`; `id` names the slot and publication
    /// (`lakeforge_<id>`).
    pub async fn connect(url: &str, id: &str) -> Result<Self> {
        let options: PgConnectOptions = url
            .parse()
            .map_err(|e| CdcError::Config(format!("PostgreSQL URL `{url}`: {e}")))?;
        let parsed = url::Url::parse(url)
            .map_err(|e| CdcError::Config(format!("PostgreSQL URL `{url}`: {e}")))?;
        let name: String = id
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .collect();
        let source = Self {
            options,
            url: parsed,
            slot: format!("lakeforge_{name}"),
            publication: format!("lakeforge_{name}"),
        };
        source
            .conn()
            .await?
            .close()
            .await
            .map_err(err("disconnect"))?;
        Ok(source)
    }

    async fn conn(&self) -> Result<PgConnection> {
        self.options.connect().await.map_err(err("connect"))
    }

    /// The replication session settings for this database.
    fn replication_config(&self, start: u64) -> ReplicationConfig {
        let user = match self.url.username() {
            "" => std::env::var("USER").unwrap_or_else(|_| "postgres".into()),
            user => user.to_owned(),
        };
        let database = self.url.path().trim_start_matches('/').to_owned();
        let mut config = ReplicationConfig::new(
            self.url.host_str().unwrap_or("localhost"),
            user.clone(),
            self.url.password().unwrap_or_default(),
            if database.is_empty() { user } else { database },
            self.slot.clone(),
            self.publication.as_str(),
        )
        .with_port(self.url.port().unwrap_or(5432))
        .with_start_lsn(Lsn(start))
        .with_status_interval(Duration::from_secs(1));
        config.options = Some("-c TimeZone=UTC -c extra_float_digits=3".to_owned());
        config
    }

    /// Server settings and table properties that keep logical replication from working.
    pub async fn check(&self, mapping: &TableMapping) -> Result<Vec<ConfigProblem>> {
        let mut conn = self.conn().await?;
        let mut problems = Vec::new();
        let setting = |name: &'static str| format!("SELECT current_setting('{name}')");
        let conf_fix = "in postgresql.conf (or a conf.d file) set wal_level = logical, max_replication_slots = 20, max_wal_senders = 20 and restart PostgreSQL (scripts/setup-cdc-sources.sh does this); or ALTER SYSTEM SET wal_level = logical and restart";
        let wal_level: String = sqlx::query_scalar(AssertSqlSafe(setting("wal_level")))
            .fetch_one(&mut conn)
            .await
            .map_err(err("wal_level"))?;
        if wal_level != "logical" {
            problems.push(ConfigProblem {
                setting: "wal_level".into(),
                found: wal_level,
                wanted: "logical".into(),
                fix: conf_fix.into(),
            });
        }
        for name in ["max_replication_slots", "max_wal_senders"] {
            let value: String = sqlx::query_scalar(AssertSqlSafe(setting(name)))
                .fetch_one(&mut conn)
                .await
                .map_err(err(name))?;
            if value.parse::<u32>().unwrap_or(0) == 0 {
                problems.push(ConfigProblem {
                    setting: name.into(),
                    found: value,
                    wanted: "at least 1 per ingestion".into(),
                    fix: conf_fix.into(),
                });
            }
        }
        let can_replicate: bool = sqlx::query_scalar(
            "SELECT rolreplication OR rolsuper FROM pg_roles WHERE rolname = current_user",
        )
        .fetch_one(&mut conn)
        .await
        .map_err(err("role"))?;
        if !can_replicate {
            problems.push(ConfigProblem {
                setting: "role REPLICATION".into(),
                found: "NOREPLICATION".into(),
                wanted: "REPLICATION".into(),
                fix: "ALTER ROLE <user> WITH REPLICATION (as a superuser)".into(),
            });
        }
        let keyless: Vec<(String, String)> = sqlx::query_as(
            "SELECT n.nspname::text, c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE c.relkind IN ('r','p') AND c.relreplident = 'd' \
               AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary) \
               AND n.nspname NOT IN ('pg_catalog','information_schema') AND n.nspname NOT LIKE 'pg_toast%'",
        )
        .fetch_all(&mut conn)
        .await
        .map_err(err("tables without a key"))?;
        for (schema, table) in keyless {
            let id = TableId::new(schema, table);
            if mapping.selects(&id) {
                problems.push(ConfigProblem {
                    setting: format!("replica identity of {id}"),
                    found: "DEFAULT without a primary key (updates and deletes would fail once published)".into(),
                    wanted: "a primary key or REPLICA IDENTITY FULL".into(),
                    fix: format!("ALTER TABLE {} REPLICA IDENTITY FULL (or add a primary key)", qualified(&id)),
                });
            }
        }
        conn.close().await.map_err(err("disconnect"))?;
        if problems.iter().all(|p| p.setting != "wal_level")
            && let Err(e) = self.probe_replication().await
        {
            problems.push(ConfigProblem {
                setting: "pg_hba.conf replication entry".into(),
                found: e.to_string(),
                wanted: "replication connections allowed for this user and host".into(),
                fix: "add `host replication <user> <client address>/32 scram-sha-256` (or trust) to pg_hba.conf and reload PostgreSQL".into(),
            });
        }
        Ok(problems)
    }

    /// Opens a replication session and runs IDENTIFY_SYSTEM on it.
    async fn probe_replication(&self) -> std::result::Result<(), pgwire_replication::PgWireError> {
        let mut session = ReplicationClient::connect_gated(self.replication_config(0)).await?;
        session.identify_system().await.map(drop)
    }

    /// The selected tables with their columns and primary keys.
    pub async fn tables(&self, mapping: &TableMapping) -> Result<Vec<Arc<TableSchema>>> {
        let mut conn = self.conn().await?;
        // `indkey` is an int2vector, subscripted from 0: `+ 1` makes the key position
        // 1-based, so the first key column is not taken for "not a key" (0).
        let rows = sqlx::query(
            "SELECT n.nspname::text, c.relname::text, a.attname::text, a.atttypid::int8, a.atttypmod, \
                    format_type(a.atttypid, a.atttypmod), \
                    COALESCE((SELECT array_position(i.indkey::int2[], a.attnum) + 1 FROM pg_index i \
                              WHERE i.indrelid = c.oid AND i.indisprimary), 0) \
             FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
             JOIN pg_attribute a ON a.attrelid = c.oid \
             WHERE c.relkind IN ('r','p') AND a.attnum > 0 AND NOT a.attisdropped \
               AND n.nspname NOT IN ('pg_catalog','information_schema') AND n.nspname NOT LIKE 'pg_toast%' \
             ORDER BY 1, 2, a.attnum",
        )
        .fetch_all(&mut conn)
        .await
        .map_err(err("list columns"))?;
        conn.close().await.map_err(err("disconnect"))?;
        let mut tables: Vec<(TableSchema, Vec<(i32, String)>)> = Vec::new();
        for row in rows {
            let id = TableId::new(row.get::<String, _>(0), row.get::<String, _>(1));
            if !mapping.selects(&id) {
                continue;
            }
            if tables.last().is_none_or(|(t, _)| t.id != id) {
                tables.push((
                    TableSchema {
                        id,
                        columns: Vec::new(),
                        primary_key: Vec::new(),
                    },
                    Vec::new(),
                ));
            }
            let (table, keys) = tables.last_mut().expect("pushed above");
            let name: String = row.get(2);
            let oid = u32::try_from(row.get::<i64, _>(3)).unwrap_or_default();
            let key_position: i32 = row.get(6);
            if key_position > 0 {
                keys.push((key_position, name.clone()));
            }
            table.columns.push(Column {
                name,
                kind: kind_from_oid(oid, row.get(4)),
                source_type: row.get(5),
            });
        }
        Ok(tables
            .into_iter()
            .map(|(mut table, mut keys)| {
                keys.sort();
                table.primary_key = keys.into_iter().map(|(_, name)| name).collect();
                Arc::new(table)
            })
            .collect())
    }

    /// Creates or updates the publication to hold exactly `tables`.
    async fn publish(&self, conn: &mut PgConnection, tables: &[Arc<TableSchema>]) -> Result<()> {
        let exists: bool =
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_publication WHERE pubname = $1)")
                .bind(&self.publication)
                .fetch_one(&mut *conn)
                .await
                .map_err(err("publication"))?;
        let list = tables
            .iter()
            .map(|t| qualified(&t.id))
            .collect::<Vec<_>>()
            .join(", ");
        let publication = quote(&self.publication);
        let sql = match (exists, list.is_empty()) {
            (false, true) => format!("CREATE PUBLICATION {publication}"),
            (false, false) => format!("CREATE PUBLICATION {publication} FOR TABLE {list}"),
            (true, true) => return Ok(()),
            (true, false) => format!("ALTER PUBLICATION {publication} SET TABLE {list}"),
        };
        sqlx::raw_sql(AssertSqlSafe(sql))
            .execute(&mut *conn)
            .await
            .map_err(err("create publication"))?;
        Ok(())
    }

    async fn drop_slot(&self, conn: &mut PgConnection) -> Result<()> {
        sqlx::query("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1")
            .bind(&self.slot)
            .execute(&mut *conn)
            .await
            .map_err(err("drop replication slot"))?;
        Ok(())
    }

    /// A new slot whose exported snapshot the load reads; returns its consistent point.
    pub async fn full_load(
        &self,
        tables: &[Arc<TableSchema>],
        sink: &LoadSink,
    ) -> Result<Position> {
        let mut conn = self.conn().await?;
        self.publish(&mut conn, tables).await?;
        // A slot left by an interrupted load has lost its snapshot: start over.
        self.drop_slot(&mut conn).await?;
        conn.close().await.map_err(err("disconnect"))?;

        let mut session = ReplicationClient::connect_gated(self.replication_config(0))
            .await
            .map_err(|e| CdcError::postgres("replication session", e))?;
        let rows = session
            .simple_query(&format!(
                "CREATE_REPLICATION_SLOT {} LOGICAL pgoutput EXPORT_SNAPSHOT",
                quote(&self.slot)
            ))
            .await
            .map_err(|e| CdcError::postgres("create replication slot", e))?;
        let text = |row: &Vec<Option<bytes::Bytes>>, i: usize| {
            row.get(i)
                .cloned()
                .flatten()
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .unwrap_or_default()
        };
        let row = rows
            .first()
            .ok_or_else(|| CdcError::postgres("create replication slot", "no answer row"))?;
        let lsn = parse_lsn(&text(row, 1))
            .ok_or_else(|| CdcError::postgres("create replication slot", "bad consistent point"))?;
        let snapshot = text(row, 2);

        let workers = SNAPSHOT_WORKERS.min(tables.len()).max(1);
        let mut tasks = Vec::new();
        for worker in 0..workers {
            let mine: Vec<Arc<TableSchema>> = tables
                .iter()
                .skip(worker)
                .step_by(workers)
                .cloned()
                .collect();
            let mut conn = self.conn().await?;
            for statement in [
                "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY".to_owned(),
                format!("SET TRANSACTION SNAPSHOT '{snapshot}'"),
                "SET LOCAL TimeZone = 'UTC'".to_owned(),
                "SET LOCAL extra_float_digits = 3".to_owned(),
            ] {
                sqlx::raw_sql(AssertSqlSafe(statement))
                    .execute(&mut conn)
                    .await
                    .map_err(err("open snapshot"))?;
            }
            let sink = sink.clone();
            tasks.push(tokio::spawn(
                async move { load_tables(conn, mine, sink).await },
            ));
        }
        for task in tasks {
            task.await
                .map_err(|e| CdcError::postgres("snapshot worker", e))??;
        }
        // Ending the session releases the exported snapshot; the slot stays.
        drop(session);
        Ok(Position::Postgres { lsn })
    }

    /// Capture without a full load: the slot's confirmed position (created if missing).
    pub async fn start_position(&self, tables: &[Arc<TableSchema>]) -> Result<Position> {
        let mut conn = self.conn().await?;
        self.publish(&mut conn, tables).await?;
        let existing: Option<String> = sqlx::query_scalar(
            "SELECT confirmed_flush_lsn::text FROM pg_replication_slots WHERE slot_name = $1",
        )
        .bind(&self.slot)
        .fetch_optional(&mut conn)
        .await
        .map_err(err("replication slot"))?
        .flatten();
        let lsn = match existing {
            Some(lsn) => lsn,
            None => sqlx::query_scalar(
                "SELECT lsn::text FROM pg_create_logical_replication_slot($1, 'pgoutput')",
            )
            .bind(&self.slot)
            .fetch_one(&mut conn)
            .await
            .map_err(err("create replication slot"))?,
        };
        conn.close().await.map_err(err("disconnect"))?;
        let lsn = parse_lsn(&lsn)
            .ok_or_else(|| CdcError::postgres("replication slot", format!("bad LSN {lsn}")))?;
        Ok(Position::Postgres { lsn })
    }

    /// Streams the slot after `from`; a logical message written now marks "caught up".
    pub async fn stream(&self, from: &Position, mapping: &TableMapping) -> Result<SlotChanges> {
        let Position::Postgres { lsn } = from else {
            return Err(foreign_position("postgres", from));
        };
        let mut conn = self.conn().await?;
        let probe = format!("{}:{}", self.slot, chrono::Utc::now().timestamp_micros());
        sqlx::query("SELECT pg_logical_emit_message(false, 'lakeforge', $1)")
            .bind(&probe)
            .execute(&mut conn)
            .await
            .map_err(err("caught-up marker"))?;
        conn.close().await.map_err(err("disconnect"))?;
        let client = ReplicationClient::connect(self.replication_config(*lsn))
            .await
            .map_err(|e| CdcError::postgres("start replication", e))?;
        Ok(SlotChanges {
            client,
            parser: LogicalReplicationParser::with_protocol_version(1),
            mapping: mapping.clone(),
            after: *lsn,
            relations: HashMap::new(),
            open: None,
            probe,
            caught_up: false,
        })
    }

    /// The current WAL insert position.
    pub async fn current_position(&self) -> Result<Position> {
        let mut conn = self.conn().await?;
        let lsn: String = sqlx::query_scalar("SELECT pg_current_wal_lsn()::text")
            .fetch_one(&mut conn)
            .await
            .map_err(err("current WAL position"))?;
        conn.close().await.map_err(err("disconnect"))?;
        let lsn = parse_lsn(&lsn)
            .ok_or_else(|| CdcError::postgres("current WAL position", format!("bad LSN {lsn}")))?;
        Ok(Position::Postgres { lsn })
    }

    /// Drops the slot and the publication.
    pub async fn teardown(&self) -> Result<()> {
        let mut conn = self.conn().await?;
        sqlx::query("SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE slot_name = $1 AND active_pid IS NOT NULL")
            .bind(&self.slot)
            .execute(&mut conn)
            .await
            .map_err(err("stop slot reader"))?;
        self.drop_slot(&mut conn).await?;
        sqlx::raw_sql(AssertSqlSafe(format!(
            "DROP PUBLICATION IF EXISTS {}",
            quote(&self.publication)
        )))
        .execute(&mut conn)
        .await
        .map_err(err("drop publication"))?;
        conn.close().await.map_err(err("disconnect"))?;
        Ok(())
    }
}

/// Reads `tables` inside the snapshot transaction of `conn`, landing them in chunks.
async fn load_tables(
    mut conn: PgConnection,
    tables: Vec<Arc<TableSchema>>,
    sink: LoadSink,
) -> Result<()> {
    for table in tables {
        let columns = table
            .columns
            .iter()
            .map(|c| format!("{}::text", quote(&c.name)))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!("SELECT {columns} FROM {}", qualified(&table.id));
        let mut chunk = Vec::with_capacity(LOAD_CHUNK_ROWS);
        {
            let mut rows = sqlx::raw_sql(AssertSqlSafe(sql)).fetch(&mut conn);
            while let Some(row) = rows.try_next().await.map_err(err("snapshot read"))? {
                let texts = (0..table.columns.len()).map(|i| {
                    row.try_get::<Option<String>, _>(i)
                        .map_err(err("snapshot value"))
                });
                let values = texts
                    .zip(&table.columns)
                    .map(|(text, column)| text.and_then(|t| value_of(&table, column, t.as_deref())))
                    .collect::<Result<Vec<_>>>()?;
                chunk.push(values);
                if chunk.len() == LOAD_CHUNK_ROWS {
                    sink.write(&table, std::mem::take(&mut chunk)).await?;
                }
            }
        }
        sink.write(&table, chunk).await?;
    }
    sqlx::raw_sql("COMMIT")
        .execute(&mut conn)
        .await
        .map_err(err("end snapshot"))?;
    conn.close().await.map_err(err("disconnect"))?;
    Ok(())
}

fn value_of(table: &TableSchema, column: &Column, text: Option<&str>) -> Result<Value> {
    text.map_or(Ok(Value::Null), |t| {
        parse(&column.kind, t).map_err(|message| CdcError::Type {
            table: table.id.to_string(),
            column: column.name.clone(),
            message,
        })
    })
}

/// A relation as pgoutput described it last.
struct Relation {
    schema: Arc<TableSchema>,
    selected: bool,
}

/// The open transaction.
struct OpenTransaction {
    changes: Vec<RowChange>,
    ddl: Vec<SchemaChange>,
}

/// The changes of a replication slot, from a position on.
pub struct SlotChanges {
    client: ReplicationClient,
    parser: LogicalReplicationParser,
    mapping: TableMapping,
    /// Transactions ending at or before this LSN were landed already.
    after: u64,
    relations: HashMap<u32, Relation>,
    open: Option<OpenTransaction>,
    probe: String,
    caught_up: bool,
}

impl SlotChanges {
    /// The next committed transaction, or `Idle` after `wait` of silence.
    pub async fn next(&mut self, wait: Duration) -> Result<StreamEvent> {
        loop {
            let event = match tokio::time::timeout(wait, self.client.recv()).await {
                Err(_) => {
                    return Ok(StreamEvent::Idle {
                        caught_up: self.caught_up && self.open.is_none(),
                    });
                }
                Ok(event) => event.map_err(|e| CdcError::postgres("replication", e))?,
            };
            let Some(event) = event else {
                return Err(CdcError::postgres(
                    "replication",
                    "the server ended the replication stream",
                ));
            };
            match event {
                ReplicationEvent::Begin { .. } => {
                    self.open = Some(OpenTransaction {
                        changes: Vec::new(),
                        ddl: Vec::new(),
                    });
                }
                ReplicationEvent::XLogData { data, .. } => self.decode(&data)?,
                ReplicationEvent::Commit {
                    end_lsn,
                    commit_time_micros,
                    ..
                } => {
                    let Some(open) = self.open.take() else {
                        continue;
                    };
                    if end_lsn.0 <= self.after {
                        continue;
                    }
                    self.after = end_lsn.0;
                    return Ok(StreamEvent::Transaction(Transaction {
                        position: Position::Postgres { lsn: end_lsn.0 },
                        commit_micros: commit_time_micros + PG_EPOCH_MICROS,
                        changes: open.changes,
                        ddl: open.ddl,
                    }));
                }
                ReplicationEvent::Message {
                    prefix, content, ..
                } => {
                    if prefix == "lakeforge" && content.as_ref() == self.probe.as_bytes() {
                        self.caught_up = true;
                    }
                }
                ReplicationEvent::StoppedAt { .. } | ReplicationEvent::KeepAlive { .. } => {}
            }
        }
    }

    /// Reports `position` as flushed, letting the server recycle WAL before it.
    pub fn ack(&mut self, position: &Position) -> Result<()> {
        let Position::Postgres { lsn } = position else {
            return Err(foreign_position("postgres", position));
        };
        self.client.update_applied_lsn(Lsn(*lsn));
        Ok(())
    }

    fn decode(&mut self, data: &[u8]) -> Result<()> {
        let message = self
            .parser
            .parse_wal_message(data)
            .map_err(|e| CdcError::postgres("pgoutput", e))?
            .message;
        match message {
            LogicalReplicationMessage::Relation {
                relation_id,
                namespace,
                relation_name,
                replica_identity,
                columns,
            } => {
                let info = RelationInfo::new(
                    relation_id,
                    namespace,
                    relation_name,
                    replica_identity,
                    columns,
                );
                let id = TableId::new(info.namespace.as_ref(), info.relation_name.as_ref());
                let schema = TableSchema {
                    columns: info
                        .columns
                        .iter()
                        .map(|c| Column {
                            name: c.name.to_string(),
                            kind: kind_from_oid(c.type_id, c.type_modifier),
                            source_type: format!("oid {} typmod {}", c.type_id, c.type_modifier),
                        })
                        .collect(),
                    primary_key: info
                        .get_key_columns()
                        .iter()
                        .map(|c| c.name.to_string())
                        .collect(),
                    id: id.clone(),
                };
                self.relations.insert(
                    relation_id,
                    Relation {
                        schema: Arc::new(schema),
                        selected: self.mapping.selects(&id),
                    },
                );
            }
            LogicalReplicationMessage::Insert { relation_id, tuple } => {
                self.push(relation_id, |r| {
                    Ok(vec![row(r, Op::Insert, tuple_values(r, &tuple, None)?)])
                })?;
            }
            LogicalReplicationMessage::Update {
                relation_id,
                old_tuple,
                new_tuple,
                ..
            } => {
                self.push(relation_id, |r| {
                    let old = old_tuple
                        .as_ref()
                        .map(|t| tuple_values(r, t, None))
                        .transpose()?;
                    let new = tuple_values(r, &new_tuple, old.as_deref())?;
                    Ok(match old {
                        // A key change (or REPLICA IDENTITY FULL): delete the old row, insert the new.
                        Some(old) => {
                            let mut keyed_old = new.clone();
                            for (i, value) in old.into_iter().enumerate() {
                                if !value.is_null() || r.schema.key_indexes().contains(&i) {
                                    keyed_old[i] = value;
                                }
                            }
                            update_changes(&r.schema, keyed_old, new)
                        }
                        None => vec![row(r, Op::Update, new)],
                    })
                })?;
            }
            LogicalReplicationMessage::Delete {
                relation_id,
                old_tuple,
                ..
            } => {
                self.push(relation_id, |r| {
                    Ok(vec![row(r, Op::Delete, tuple_values(r, &old_tuple, None)?)])
                })?;
            }
            LogicalReplicationMessage::Truncate { relation_ids, .. } => {
                let statements: Vec<SchemaChange> = relation_ids
                    .iter()
                    .filter_map(|id| self.relations.get(id))
                    .filter(|r| r.selected)
                    .map(|r| SchemaChange::Other {
                        table: Some(r.schema.id.clone()),
                        statement: format!("TRUNCATE {}", qualified(&r.schema.id)),
                    })
                    .collect();
                if let Some(open) = self.open.as_mut() {
                    open.ddl.extend(statements);
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Adds the changes `make` builds for a captured relation to the open transaction.
    fn push(
        &mut self,
        relation_id: u32,
        make: impl FnOnce(&Relation) -> Result<Vec<RowChange>>,
    ) -> Result<()> {
        let relation = self.relations.get(&relation_id).ok_or_else(|| {
            CdcError::postgres(
                "pgoutput",
                format!("change for unknown relation {relation_id}"),
            )
        })?;
        if !relation.selected {
            return Ok(());
        }
        let changes = make(relation)?;
        self.open
            .as_mut()
            .ok_or_else(|| CdcError::postgres("pgoutput", "change outside a transaction"))?
            .changes
            .extend(changes);
        Ok(())
    }
}

fn row(relation: &Relation, op: Op, values: Vec<Value>) -> RowChange {
    RowChange {
        table: relation.schema.clone(),
        op,
        values,
    }
}

/// The values of a tuple; unchanged TOASTed values are taken from `previous` when known.
fn tuple_values(
    relation: &Relation,
    tuple: &TupleData,
    previous: Option<&[Value]>,
) -> Result<Vec<Value>> {
    let schema = &relation.schema;
    schema
        .columns
        .iter()
        .enumerate()
        .map(|(i, column)| match tuple.get_column(i) {
            Some(data) if data.is_unchanged() => Ok(previous
                .and_then(|p| p.get(i).cloned())
                .unwrap_or(Value::Null)),
            Some(data) if !data.is_null() => {
                let text = data.as_str().unwrap_or_default();
                value_of(schema, column, Some(&text))
            }
            _ => Ok(Value::Null),
        })
        .collect()
}
