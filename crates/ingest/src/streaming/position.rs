//! Where the delivery of one shard stands.
//!
//! The Delta `txn` version of app id `lakeforge-streaming/<id>/<shard>` counts the shard's
//! records consumed (delivered or rejected) — its *ordinal* — and is written in the same
//! commit as the data, so it is the truth. Stream sequence numbers do not fit a `txn`
//! version in general (Kinesis's have ~56 digits), so after every batch the delivery also
//! writes a position object `{ordinal, sequence}` beside the table
//! (`_lakeforge/streaming/<id>/<shard>.json`). A restart reads the stream after that
//! sequence and skips the records the table holds beyond it (table ordinal − object
//! ordinal): a crash between the commit and the object neither loses nor repeats a record.
//! Without the object (lost, or a table older than it) the delivery reads the shard from
//! its start and skips the table's ordinal, which is exact while retention has trimmed
//! nothing.

use lakeforge_lake::{Lake, TableRef};
use lakeforge_stream::{Sequence, ShardId};
use object_store::path::Path;
use std::sync::Arc;

use object_store::{ObjectStore, ObjectStoreExt, PutPayload};
use serde::{Deserialize, Serialize};

/// A shard's position: records consumed, and the sequence of the last one.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ShardPosition {
    /// Records of the shard consumed so far.
    pub ordinal: u64,
    /// The last consumed record's sequence (as text: any width).
    pub sequence: Option<String>,
}

/// Where to start reading a shard, and how many records to skip there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Resume {
    /// Read after this sequence (from the start when `None`).
    pub after: Option<Sequence>,
    /// Records at the start of the read that the table already holds.
    pub skip: u64,
    /// The ordinal of the last record consumed.
    pub ordinal: u64,
}

impl Resume {
    /// Combines the table's ordinal with the saved position.
    pub fn new(in_table: u64, saved: Option<ShardPosition>) -> Self {
        let saved = saved.unwrap_or_default();
        Self {
            after: saved.sequence.as_deref().and_then(|s| s.parse().ok()),
            skip: in_table.saturating_sub(saved.ordinal),
            ordinal: in_table.max(saved.ordinal),
        }
    }
}

/// The object store of the table's zone and the position object of `shard`.
fn location(
    lake: &Lake,
    table: &TableRef,
    id: &str,
    shard: &ShardId,
) -> (Arc<dyn ObjectStore>, Path) {
    let (store, zone) = lake.root().zone_location(&table.project, table.zone);
    let object = zone
        .join("_lakeforge")
        .join("streaming")
        .join(id)
        .join(format!("{}.json", shard.as_str()));
    (store, object)
}

/// The saved position of `shard`, if any.
pub(crate) async fn read(
    lake: &Lake,
    table: &TableRef,
    id: &str,
    shard: &ShardId,
) -> Result<Option<ShardPosition>, object_store::Error> {
    let (store, object) = location(lake, table, id, shard);
    match store.get(&object).await {
        Ok(got) => Ok(serde_json::from_slice(&got.bytes().await?).ok()),
        Err(object_store::Error::NotFound { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Saves the position of `shard` (after the batch's commit).
pub(crate) async fn write(
    lake: &Lake,
    table: &TableRef,
    id: &str,
    shard: &ShardId,
    position: &ShardPosition,
) -> Result<(), object_store::Error> {
    let (store, object) = location(lake, table, id, shard);
    let json = serde_json::to_vec(position).expect("a position serializes");
    store.put(&object, PutPayload::from(json)).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_commit_newer_than_the_saved_position_is_skipped_on_restart() {
        let saved = ShardPosition {
            ordinal: 10,
            sequence: Some("495903382714902566085596925383615710959215759891368".into()),
        };
        let resume = Resume::new(14, Some(saved.clone()));
        assert_eq!(resume.skip, 4);
        assert_eq!(resume.ordinal, 14);
        assert_eq!(resume.after.map(|s| s.to_string()), saved.sequence.clone());
        // The object is newer when the last batch held only rejected records.
        let resume = Resume::new(8, Some(saved));
        assert_eq!((resume.skip, resume.ordinal), (0, 10));
        // No object: from the start, skipping what the table holds.
        let resume = Resume::new(5, None);
        assert_eq!((resume.after, resume.skip, resume.ordinal), (None, 5, 5));
    }
}
