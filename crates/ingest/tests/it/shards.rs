//! Several shards, and sequences wider than a Delta transaction version (Kinesis's have ~56
//! digits): every shard is delivered, concurrently, exactly once, also across a crash
//! between a commit and the position object written after it.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use async_trait::async_trait;
use lakeforge_ingest::streaming::{DeliveryMode, StreamingDelivery};
use lakeforge_stream::{
    Appended, NewRecord, Record, Sequence, ShardId, StartPosition, Stream, StreamConfig,
    StreamError, StreamReader, open_stream,
};

use crate::support::{deliver, event, ingestion, lake, rows};

/// An embedded stream of `shards` shards under `dir`.
async fn sharded(dir: &std::path::Path, shards: u32) -> Box<dyn Stream> {
    let config = StreamConfig {
        shard_count: shards,
        ..StreamConfig::embedded(dir)
    };
    open_stream("clicks", &config).await.unwrap()
}

/// Appends events `ids`, each keyed by its id (so they spread over the shards).
async fn put_keyed(stream: &dyn Stream, ids: std::ops::Range<u64>) {
    let records = ids
        .map(|id| NewRecord::new(id.to_string(), event(id, (id % 24) as u32).into_bytes()))
        .collect();
    stream.append_batch(records).await.unwrap();
}

const COUNT_DISTINCT: &str = "SELECT count(*), count(DISTINCT event_id) FROM bronze.clickstream";

#[tokio::test]
async fn every_shard_is_delivered_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let lake = lake(dir.path());
    let stream = sharded(dir.path(), 4).await;
    assert_eq!(stream.shards().await.unwrap().len(), 4);
    put_keyed(stream.as_ref(), 0..400).await;
    let summary = deliver(&lake, &ingestion(), stream).await;
    assert_eq!((summary.delivered, summary.commits), (400, 4));
    put_keyed(sharded(dir.path(), 4).await.as_ref(), 400..500).await;
    let again = deliver(&lake, &ingestion(), sharded(dir.path(), 4).await).await;
    assert_eq!(again.delivered, 100, "only the new records");
    assert_eq!(rows(&lake, COUNT_DISTINCT).await, ["500|500"]);
}

#[tokio::test]
async fn follow_mode_serves_every_shard_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let lake = lake(dir.path());
    let stream = sharded(dir.path(), 3).await;
    put_keyed(stream.as_ref(), 0..300).await;
    let mut ingestion = ingestion();
    ingestion.buffer_interval_seconds = 1;
    let stop = Arc::new(AtomicBool::new(false));
    let stopper = {
        let stop = stop.clone();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_secs(3)).await;
            stop.store(true, std::sync::atomic::Ordering::SeqCst);
        })
    };
    let summary = StreamingDelivery::new("c360-clickstream", &ingestion, lake.clone(), stream)
        .unwrap()
        .run(&DeliveryMode::Follow { stop }, &|_| {})
        .await
        .unwrap();
    stopper.await.unwrap();
    assert_eq!(summary.delivered, 300);
    assert_eq!(rows(&lake, COUNT_DISTINCT).await, ["300|300"]);
}

#[tokio::test]
async fn wide_sequences_resume_exactly_once_after_a_crash_before_the_position_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let lake = lake(dir.path());
    let wide = || async { Box::new(Wide(sharded(dir.path(), 1).await)) as Box<dyn Stream> };
    put_keyed(wide().await.as_ref(), 0..100).await;
    assert_eq!(
        deliver(&lake, &ingestion(), wide().await).await.delivered,
        100
    );
    let position = dir
        .path()
        .join("lake/shop-bronze/_lakeforge/streaming/c360-clickstream/0.json");
    let saved: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&position).unwrap()).unwrap();
    assert_eq!(saved["ordinal"], 100);
    assert!(saved["sequence"].as_str().unwrap().len() > 40, "{saved}");
    let before = std::fs::read(&position).unwrap();

    put_keyed(wide().await.as_ref(), 100..150).await;
    assert_eq!(
        deliver(&lake, &ingestion(), wide().await).await.delivered,
        50
    );
    // As if the process died after the commit, before writing the position object.
    std::fs::write(&position, before).unwrap();
    put_keyed(wide().await.as_ref(), 150..160).await;
    let resumed = deliver(&lake, &ingestion(), wide().await).await;
    assert_eq!(
        resumed.delivered, 10,
        "the 50 already committed are skipped"
    );
    // And with no position object at all: from the start, skipping what the table holds.
    std::fs::remove_file(&position).unwrap();
    assert_eq!(
        deliver(&lake, &ingestion(), wide().await).await.delivered,
        0
    );
    assert_eq!(rows(&lake, COUNT_DISTINCT).await, ["160|160"]);
}

/// Kinesis-wide sequence numbers over an embedded stream: record `n` is
/// `49590338271490256608559692538361571095921575989136 × 10^13 + n`.
struct Wide(Box<dyn Stream>);

const WIDE_PREFIX: &str = "49590338271490256608559692538361571095921575989136";

fn widen(sequence: &Sequence) -> Sequence {
    format!("{WIDE_PREFIX}{:013}", sequence.as_u64().unwrap())
        .parse()
        .unwrap()
}

fn narrow(sequence: &Sequence) -> Sequence {
    let text = sequence.to_string();
    Sequence::from(text[WIDE_PREFIX.len()..].parse::<u64>().unwrap())
}

#[async_trait]
impl Stream for Wide {
    fn name(&self) -> &str {
        self.0.name()
    }

    async fn shards(&self) -> Result<Vec<ShardId>, StreamError> {
        self.0.shards().await
    }

    async fn append_batch(&self, records: Vec<NewRecord>) -> Result<Vec<Appended>, StreamError> {
        let appended = self.0.append_batch(records).await?;
        Ok(appended
            .into_iter()
            .map(|a| Appended {
                sequence: widen(&a.sequence),
                ..a
            })
            .collect())
    }

    async fn open_reader(
        &self,
        shard: &ShardId,
        from: StartPosition,
    ) -> Result<Box<dyn StreamReader>, StreamError> {
        let from = match from {
            StartPosition::After(sequence) => StartPosition::After(narrow(&sequence)),
            other => other,
        };
        Ok(Box::new(WideReader(self.0.open_reader(shard, from).await?)))
    }

    async fn commit(
        &self,
        consumer: &str,
        shard: &ShardId,
        sequence: &Sequence,
    ) -> Result<(), StreamError> {
        self.0.commit(consumer, shard, &narrow(sequence)).await
    }

    async fn checkpoint(
        &self,
        consumer: &str,
        shard: &ShardId,
    ) -> Result<Option<Sequence>, StreamError> {
        Ok(self.0.checkpoint(consumer, shard).await?.map(|s| widen(&s)))
    }
}

struct WideReader(Box<dyn StreamReader>);

fn widen_all(records: Vec<Record>) -> Vec<Record> {
    records
        .into_iter()
        .map(|r| Record {
            sequence: widen(&r.sequence),
            ..r
        })
        .collect()
}

#[async_trait]
impl StreamReader for WideReader {
    async fn read(&mut self, max_records: usize) -> Result<Vec<Record>, StreamError> {
        Ok(widen_all(self.0.read(max_records).await?))
    }

    async fn tail(
        &mut self,
        max_records: usize,
        timeout: Duration,
    ) -> Result<Vec<Record>, StreamError> {
        Ok(widen_all(self.0.tail(max_records, timeout).await?))
    }
}
