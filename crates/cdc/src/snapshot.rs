//! Full load: sources hand consistent-snapshot rows of each table to a [`LoadSink`],
//! which writes them as `LOAD00000001.parquet`, `LOAD00000002.parquet`, … under
//! `<prefix>/<schema>/<table>/`. Tables may be loaded in parallel.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};

use crate::error::Result;
use crate::event::Op;
use crate::landing::arrow_rows::{FileRows, RowMeta};
use crate::landing::dms_files::{load_file_name, table_dir};
use crate::landing::log::LandedFile;
use crate::mapping::TableMapping;
use crate::schema::{TableId, TableSchema};
use crate::value::Value;

/// Rows per full-load file (and per read chunk).
pub const LOAD_CHUNK_ROWS: usize = 50_000;

/// Where full-load chunks go; shared by a source's parallel table readers.
#[derive(Clone)]
pub struct LoadSink {
    inner: Arc<SinkInner>,
}

struct SinkInner {
    store: Arc<dyn ObjectStore>,
    zone_root: Path,
    prefix: String,
    mapping: TableMapping,
    with_op: bool,
    timestamp_column: String,
    load_micros: i64,
    state: Mutex<SinkState>,
    progress: Box<dyn Fn(u64) + Send + Sync>,
}

#[derive(Default)]
struct SinkState {
    counters: HashMap<TableId, u32>,
    files: Vec<LandedFile>,
}

impl LoadSink {
    /// A sink landing under `prefix` of the zone; `progress` is told rows as they land.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        store: Arc<dyn ObjectStore>,
        zone_root: Path,
        prefix: String,
        mapping: TableMapping,
        with_op: bool,
        timestamp_column: String,
        load_micros: i64,
        progress: Box<dyn Fn(u64) + Send + Sync>,
    ) -> Self {
        Self {
            inner: Arc::new(SinkInner {
                store,
                zone_root,
                prefix,
                mapping,
                with_op,
                timestamp_column,
                load_micros,
                state: Mutex::new(SinkState::default()),
                progress,
            }),
        }
    }

    /// The folder of a table's files, relative to the zone root.
    pub fn table_dir(&self, table: &TableId) -> String {
        table_dir(
            &self.inner.prefix,
            self.inner.mapping.landed_schema(&table.schema),
            &table.table,
        )
    }

    /// Lands one chunk of `table`'s snapshot rows as its next LOAD file.
    pub async fn write(&self, table: &Arc<TableSchema>, rows: Vec<Vec<Value>>) -> Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        let inner = &self.inner;
        let counter = {
            let mut state = inner.state.lock().expect("sink lock");
            let counter = state.counters.entry(table.id.clone()).or_insert(0);
            *counter += 1;
            *counter
        };
        let meta = RowMeta {
            op: Op::Insert,
            micros: inner.load_micros,
            change_seq: 0,
            txn_seq: 0,
        };
        let file = FileRows {
            table: table.clone(),
            with_op: inner.with_op,
            timestamp_column: inner.timestamp_column.clone(),
            meta: vec![meta; rows.len()],
            rows,
        };
        let count = file.rows.len() as u64;
        let bytes = file.parquet()?;
        let relative = format!("{}/{}", self.table_dir(&table.id), load_file_name(counter));
        let path = join(&inner.zone_root, &relative);
        inner.store.put(&path, PutPayload::from(bytes)).await?;
        (inner.progress)(count);
        let landed = LandedFile {
            path: relative,
            source: table.id.clone(),
            landed_schema: inner.mapping.landed_schema(&table.id.schema).to_owned(),
            rows: count,
            min_change_seq: 0,
            max_change_seq: 0,
        };
        inner.state.lock().expect("sink lock").files.push(landed);
        Ok(())
    }

    /// Every file landed so far, ordered by table then counter.
    pub fn files(&self) -> Vec<LandedFile> {
        let mut files = self.inner.state.lock().expect("sink lock").files.clone();
        files.sort_by(|a, b| (&a.source, &a.path).cmp(&(&b.source, &b.path)));
        files
    }
}

/// `relative` (slash-separated) under `root`.
pub(crate) fn join(root: &Path, relative: &str) -> Path {
    relative
        .split('/')
        .filter(|p| !p.is_empty())
        .fold(root.clone(), |path, part| path.join(part))
}
