//! The CDC commit log: one JSON manifest per landed batch under
//! `<prefix>/_lakeforge/cdc-log/<seq>.json`, created atomically (create-if-absent).
//! A batch — its files and the source position after it — exists exactly when its
//! manifest does; readers (the merge) list manifests, never the data folders.

use std::sync::Arc;

use futures::TryStreamExt;
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt, PutMode, PutOptions, PutPayload};
use serde::{Deserialize, Serialize};

use crate::error::{CdcError, Result};
use crate::event::SchemaChange;
use crate::position::Position;
use crate::schema::{TableId, TableSchema};

/// What a batch holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BatchKind {
    /// The full load: `LOAD*.parquet` files of every table, consistent with `position`.
    FullLoad,
    /// Capture starts at `position` without a full load (migration type `cdc`).
    Start,
    /// Ongoing changes: files of committed transactions up to `position`.
    Changes,
}

/// One landed Parquet file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LandedFile {
    /// Object path relative to the zone root (`<prefix>/<schema>/<table>/…`).
    pub path: String,
    /// The source table.
    pub source: TableId,
    /// The landed schema name (after rename).
    pub landed_schema: String,
    /// Rows in the file.
    pub rows: u64,
    /// Smallest `_lf_change_seq` in the file (0 for full-load files).
    pub min_change_seq: i64,
    /// Largest `_lf_change_seq` in the file.
    pub max_change_seq: i64,
}

/// A committed batch: the unit the merge applies, in `seq` order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChangeBatch {
    /// 1, 2, 3, … without gaps.
    pub seq: u64,
    /// Full load, start, or changes.
    pub kind: BatchKind,
    /// The source position after this batch: capture resumes here.
    pub position: Position,
    /// Files, in the order their rows must be applied within a table.
    pub files: Vec<LandedFile>,
    /// Schema changes seen in this batch (apply before the batch's files).
    pub schema_changes: Vec<SchemaChange>,
    /// Transactions in this batch.
    pub transactions: u64,
    /// Rows in this batch.
    pub rows: u64,
    /// The next `_lf_change_seq` after this batch.
    pub next_change_seq: i64,
    /// The next `_lf_txn_seq` after this batch.
    pub next_txn_seq: i64,
    /// Commit time of the batch's last transaction (microseconds), if any.
    pub last_commit_micros: Option<i64>,
    /// When the batch was committed (microseconds).
    pub committed_micros: i64,
    /// Every captured table's schema after this batch.
    pub schemas: Vec<TableSchema>,
}

/// The commit log of one CDC ingestion in a zone.
#[derive(Clone, Debug)]
pub struct CommitLog {
    store: Arc<dyn ObjectStore>,
    dir: Path,
}

impl CommitLog {
    /// The log of the ingestion landing under `prefix` in the zone rooted at `zone_root`.
    pub fn new(store: Arc<dyn ObjectStore>, zone_root: &Path, prefix: &str) -> Self {
        let mut dir = zone_root.clone();
        for part in prefix.split('/').filter(|p| !p.is_empty()) {
            dir = dir.join(part);
        }
        Self {
            store,
            dir: dir.join("_lakeforge").join("cdc-log"),
        }
    }

    fn manifest_path(&self, seq: u64) -> Path {
        self.dir.clone().join(format!("{seq:020}.json"))
    }

    /// Sequence numbers of every committed batch, ascending.
    pub async fn seqs(&self) -> Result<Vec<u64>> {
        let mut seqs: Vec<u64> = self
            .store
            .list(Some(&self.dir))
            .map_ok(|meta| {
                meta.location
                    .filename()
                    .and_then(|name| name.strip_suffix(".json"))
                    .and_then(|n| n.parse().ok())
            })
            .try_collect::<Vec<_>>()
            .await?
            .into_iter()
            .flatten()
            .collect();
        seqs.sort_unstable();
        Ok(seqs)
    }

    /// The batch `seq`.
    pub async fn read(&self, seq: u64) -> Result<ChangeBatch> {
        let path = self.manifest_path(seq);
        let bytes = self.store.get(&path).await?.bytes().await?;
        serde_json::from_slice(&bytes).map_err(|e| CdcError::Corrupt {
            path: path.to_string(),
            message: e.to_string(),
        })
    }

    /// The last committed batch, if any.
    pub async fn latest(&self) -> Result<Option<ChangeBatch>> {
        match self.seqs().await?.last() {
            Some(seq) => self.read(*seq).await.map(Some),
            None => Ok(None),
        }
    }

    /// Committed batches after `after` (all when `None`), in order: what a merge applies.
    pub async fn batches_after(&self, after: Option<u64>) -> Result<Vec<ChangeBatch>> {
        let mut batches = Vec::new();
        for seq in self.seqs().await? {
            if after.is_none_or(|a| seq > a) {
                batches.push(self.read(seq).await?);
            }
        }
        Ok(batches)
    }

    /// Commits `batch`: creates its manifest, failing if `seq` was already committed
    /// (another run of the same ingestion).
    pub async fn commit(&self, batch: &ChangeBatch) -> Result<()> {
        let path = self.manifest_path(batch.seq);
        let json = serde_json::to_vec_pretty(batch).map_err(|e| CdcError::Corrupt {
            path: path.to_string(),
            message: e.to_string(),
        })?;
        let options = PutOptions {
            mode: PutMode::Create,
            ..PutOptions::default()
        };
        match self
            .store
            .put_opts(&path, PutPayload::from(json), options)
            .await
        {
            Ok(_) => Ok(()),
            Err(object_store::Error::AlreadyExists { .. }) => Err(CdcError::Config(format!(
                "batch {} of this ingestion was committed by another run; run one `ingest cdc` per ingestion at a time",
                batch.seq
            ))),
            Err(e) => Err(e.into()),
        }
    }
}
