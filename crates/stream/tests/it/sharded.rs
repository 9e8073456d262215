//! Behaviour of streams with several shards, written once against
//! `dyn Stream` for every backend that has them (embedded, Kinesis).
//! `sharded_tests!(run, numbering)` makes one test per check; `run` gets a
//! fresh stream of [`SHARDS`] shards.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use lakeforge_stream::{NewRecord, Sequence, ShardId, StartPosition, Stream, StreamError};

use crate::conformance::Numbering;
use crate::support::{payloads, read_to_end, sequences_of};

/// The shard count of the streams these checks get.
pub const SHARDS: u32 = 4;

/// Declares one test per sharded check, each running it through `$run`.
macro_rules! sharded_tests {
    ($run:path, $numbering:expr) => {
        sharded_tests!($run, $numbering;
            records_spread_over_shards_by_key_in_order,
            checkpoints_are_kept_per_consumer_and_shard);
    };
    ($run:path, $numbering:expr; $($check:ident),+) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $check() {
                $run(|stream| crate::sharded::$check(stream, $numbering)).await;
            }
        )+
    };
}
pub(crate) use sharded_tests;

fn keyed(range: std::ops::Range<usize>) -> Vec<NewRecord> {
    range
        .map(|i| NewRecord::new(format!("user-{}", i % 40), format!("{i}")))
        .collect()
}

pub async fn records_spread_over_shards_by_key_in_order(
    stream: Arc<dyn Stream>,
    numbering: Numbering,
) {
    let shards = stream.shards().await.expect("shards");
    assert_eq!(shards.len(), SHARDS as usize, "{shards:?}");
    let mut appended = stream.append_batch(keyed(0..150)).await.expect("append");
    for record in keyed(150..160) {
        appended.push(stream.append(record).await.expect("append"));
    }
    appended.extend(stream.append_batch(keyed(160..400)).await.expect("append"));
    assert_eq!(appended.len(), 400);

    // A key always goes to the same shard, and the keys use several shards.
    let mut shard_of_key: HashMap<String, ShardId> = HashMap::new();
    for (i, a) in appended.iter().enumerate() {
        assert!(shards.contains(&a.shard), "{:?} not in {shards:?}", a.shard);
        let key = format!("user-{}", i % 40);
        let first = shard_of_key
            .entry(key.clone())
            .or_insert_with(|| a.shard.clone());
        assert_eq!(*first, a.shard, "key {key} moved between shards");
    }
    let used: BTreeSet<&ShardId> = shard_of_key.values().collect();
    assert!(
        used.len() >= 3,
        "40 keys should use most of 4 shards: {used:?}"
    );

    // Each shard returns exactly its records, in append order.
    let mut seen = BTreeMap::new();
    for shard in &shards {
        let mut reader = stream
            .open_reader(shard, StartPosition::Earliest)
            .await
            .expect("reader");
        let records = read_to_end(reader.as_mut(), 33).await;
        numbering.check(&sequences_of(&records));
        let indices: Vec<usize> = payloads(&records)
            .iter()
            .map(|p| p.parse().expect("index"))
            .collect();
        assert!(
            indices.windows(2).all(|w| w[0] < w[1]),
            "shard {shard} out of order"
        );
        for (record, index) in records.iter().zip(indices) {
            assert_eq!(record.key, format!("user-{}", index % 40));
            assert_eq!(appended[index].shard, *shard, "record {index}");
            assert_eq!(appended[index].sequence, record.sequence, "record {index}");
            assert!(
                seen.insert(index, shard.clone()).is_none(),
                "record {index} twice"
            );
        }
    }
    assert_eq!(seen.len(), 400, "every record once");
}

pub async fn checkpoints_are_kept_per_consumer_and_shard(stream: Arc<dyn Stream>, _: Numbering) {
    let shards = stream.shards().await.expect("shards");
    let appended = stream.append_batch(keyed(0..200)).await.expect("append");
    // Per shard, its appended sequences in order.
    let mut by_shard: BTreeMap<ShardId, Vec<Sequence>> = BTreeMap::new();
    for a in &appended {
        by_shard
            .entry(a.shard.clone())
            .or_default()
            .push(a.sequence.clone());
    }
    for (i, (shard, seqs)) in by_shard.iter().enumerate() {
        stream
            .commit("alpha", shard, &seqs[i % seqs.len()])
            .await
            .expect("commit");
    }
    let (first_shard, first_seqs) = by_shard.iter().next().expect("a shard");
    stream
        .commit("beta", first_shard, first_seqs.last().expect("a record"))
        .await
        .expect("commit");

    for (i, (shard, seqs)) in by_shard.iter().enumerate() {
        let alpha = stream.checkpoint("alpha", shard).await.expect("ckpt");
        assert_eq!(
            alpha.as_ref(),
            Some(&seqs[i % seqs.len()]),
            "alpha on {shard}"
        );
        let beta = stream.checkpoint("beta", shard).await.expect("ckpt");
        let expected_beta = (shard == first_shard).then(|| seqs.last().expect("a record").clone());
        assert_eq!(beta, expected_beta, "beta on {shard}");
        // Resuming alpha reads exactly the shard's records after its checkpoint.
        let mut reader = stream
            .open_reader(shard, StartPosition::resume(alpha))
            .await
            .expect("reader");
        let rest = sequences_of(&read_to_end(reader.as_mut(), 50).await);
        assert_eq!(rest, seqs[i % seqs.len() + 1..], "alpha resumes on {shard}");
    }
    for shard in shards.iter().filter(|s| !by_shard.contains_key(*s)) {
        assert_eq!(stream.checkpoint("alpha", shard).await.expect("ckpt"), None);
    }

    let unknown = ShardId::new("shardId-000000000099");
    let err = stream
        .commit("alpha", &unknown, &first_seqs[0])
        .await
        .unwrap_err();
    assert!(matches!(err, StreamError::UnknownShard { .. }), "{err}");
    let err = stream
        .open_reader(&unknown, StartPosition::Earliest)
        .await
        .err()
        .expect("unknown shard");
    assert!(matches!(err, StreamError::UnknownShard { .. }), "{err}");
}
