//! Helpers shared by the test modules.

use std::path::{Path, PathBuf};
use std::time::Duration;

use lakeforge_stream::{
    EmbeddedStream, FsyncPolicy, NewRecord, Record, Sequence, StartPosition, Stream, StreamConfig,
    StreamReader,
};

/// An embedded config under `root` that keeps everything and does not fsync
/// (the page cache is enough for tests that do not cut the power).
pub fn embedded_config(root: &Path) -> StreamConfig {
    StreamConfig {
        fsync: FsyncPolicy::Never,
        retention: None,
        ..StreamConfig::embedded(root)
    }
}

/// `count` records keyed `key-<i>` with payloads that name their index.
pub fn numbered(prefix: &str, range: std::ops::Range<usize>) -> Vec<NewRecord> {
    range
        .map(|i| NewRecord::new(format!("key-{i}"), format!("{prefix}-{i}")))
        .collect()
}

/// Reads `reader` in batches of `batch` until it is caught up.
pub async fn read_to_end(reader: &mut dyn StreamReader, batch: usize) -> Vec<Record> {
    let mut all = Vec::new();
    loop {
        let records = reader.read(batch).await.expect("read");
        assert!(records.len() <= batch, "a read returned more than asked");
        if records.is_empty() {
            return all;
        }
        all.extend(records);
    }
}

/// Every record of the stream's only shard, from the oldest retained.
pub async fn read_all(stream: &dyn Stream) -> Vec<Record> {
    let shard = stream.shards().await.expect("shards").remove(0);
    let mut reader = stream
        .open_reader(&shard, StartPosition::Earliest)
        .await
        .expect("open reader");
    read_to_end(reader.as_mut(), 1000).await
}

/// Payloads as strings.
pub fn payloads(records: &[Record]) -> Vec<String> {
    records
        .iter()
        .map(|r| String::from_utf8(r.payload.to_vec()).expect("utf-8 payload"))
        .collect()
}

/// Sequences as numbers.
pub fn sequences(records: &[Record]) -> Vec<u64> {
    records
        .iter()
        .map(|r| r.sequence.as_u64().expect("u64 sequence"))
        .collect()
}

/// Sequences as they are.
pub fn sequences_of(records: &[Record]) -> Vec<Sequence> {
    records.iter().map(|r| r.sequence.clone()).collect()
}

/// The segment files of an embedded stream, oldest first.
pub fn segment_files(root: &Path, name: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(EmbeddedStream::folder(root, name))
        .expect("stream folder")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "seg"))
        .collect();
    files.sort();
    files
}

/// A generous bound for things that should happen "soon".
pub const SOON: Duration = Duration::from_secs(10);
