//! Behaviour every backend must show, written once against `dyn Stream`.
//! Each check gets a fresh, empty stream of one shard and what the backend's
//! sequences look like ([`Numbering`]). `conformance_tests!(run, numbering)`
//! turns the list into one `#[tokio::test]` per check for a backend's `run`
//! function. The checks of streams with several shards are in `sharded`.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use lakeforge_stream::{
    MAX_KEY_CHARS, MAX_RECORD_BYTES, NewRecord, Sequence, ShardId, StartPosition, Stream,
    StreamError,
};

use crate::support::{SOON, numbered, payloads, read_all, read_to_end, sequences_of};

/// Declares one test per conformance check, each running it through `$run`.
macro_rules! conformance_tests {
    ($run:path, $numbering:expr) => {
        conformance_tests!($run, $numbering;
            appends_are_read_back_in_order,
            keys_and_payloads_round_trip,
            consumers_keep_independent_checkpoints,
            tail_waits_for_new_records,
            latest_sees_only_new_records,
            concurrent_appends_get_distinct_consecutive_sequences,
            invalid_input_is_rejected);
    };
    ($run:path, $numbering:expr; $($check:ident),+) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $check() {
                $run(|stream| crate::conformance::$check(stream, $numbering)).await;
            }
        )+
    };
}
pub(crate) use conformance_tests;

/// How a backend numbers the records of a shard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Numbering {
    /// 1, 2, 3, … without gaps, as `u64` (embedded, NATS).
    Consecutive,
    /// Increasing, with gaps, possibly beyond `u64` (Kinesis).
    Increasing,
}

impl Numbering {
    /// Checks that `seqs` follow this numbering, in order.
    pub fn check(self, seqs: &[Sequence]) {
        match self {
            Numbering::Consecutive => {
                let numbers: Vec<u64> = seqs.iter().map(|s| s.as_u64().expect("u64")).collect();
                assert!(
                    numbers.windows(2).all(|w| w[1] == w[0] + 1),
                    "sequences must be consecutive: {numbers:?}"
                );
            }
            Numbering::Increasing => assert!(
                seqs.windows(2).all(|w| w[1] > w[0]),
                "sequences must increase: {seqs:?}"
            ),
        }
    }
}

/// The decimal number one above `sequence` (a position past it).
pub fn successor(sequence: &Sequence) -> Sequence {
    let mut digits: Vec<u8> = sequence.to_string().into_bytes();
    let mut i = digits.len();
    loop {
        if i == 0 {
            digits.insert(0, b'1');
            break;
        }
        i -= 1;
        if digits[i] == b'9' {
            digits[i] = b'0';
        } else {
            digits[i] += 1;
            break;
        }
    }
    String::from_utf8(digits)
        .expect("digits")
        .parse()
        .expect("sequence")
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock after 1970")
        .as_millis() as u64
}

async fn only_shard(stream: &dyn Stream) -> ShardId {
    let shards = stream.shards().await.expect("shards");
    assert_eq!(shards.len(), 1, "single-shard backend");
    shards.into_iter().next().expect("one shard")
}

pub async fn appends_are_read_back_in_order(stream: Arc<dyn Stream>, numbering: Numbering) {
    let before = now_ms();
    let mut appended = Vec::new();
    for record in numbered("single", 0..10) {
        appended.push(stream.append(record).await.expect("append"));
    }
    appended.extend(
        stream
            .append_batch(numbered("batch", 10..100))
            .await
            .expect("append batch"),
    );
    let after = now_ms();
    let seqs: Vec<Sequence> = appended.iter().map(|a| a.sequence.clone()).collect();
    numbering.check(&seqs);

    let shard = only_shard(stream.as_ref()).await;
    assert!(appended.iter().all(|a| a.shard == shard));
    let mut reader = stream
        .open_reader(&shard, StartPosition::Earliest)
        .await
        .expect("reader");
    let records = read_to_end(reader.as_mut(), 7).await;
    assert_eq!(sequences_of(&records), seqs);
    let expected: Vec<String> = (0..100)
        .map(|i| format!("{}-{i}", if i < 10 { "single" } else { "batch" }))
        .collect();
    assert_eq!(payloads(&records), expected);
    for (i, record) in records.iter().enumerate() {
        assert_eq!(record.key, format!("key-{i}"));
        assert!(
            (before.saturating_sub(2000)..=after + 2000).contains(&record.arrival_ms),
            "arrival {} outside [{before}, {after}]",
            record.arrival_ms
        );
    }
    assert!(reader.read(10).await.expect("read").is_empty(), "caught up");

    let mut from_middle = stream
        .open_reader(&shard, StartPosition::After(appended[49].sequence.clone()))
        .await
        .expect("reader");
    let rest = read_to_end(from_middle.as_mut(), 1000).await;
    assert_eq!(sequences_of(&rest), seqs[50..]);
}

pub async fn keys_and_payloads_round_trip(stream: Arc<dyn Stream>, _: Numbering) {
    let keys = [
        "k".to_owned(),
        "  padded key  ".to_owned(),
        "ключ\twith tab".to_owned(),
        "line\r\nbreak".to_owned(),
        "quote\"and\\backslash".to_owned(),
        "é".repeat(MAX_KEY_CHARS),
    ];
    let binary: Bytes = (0..=255u8).collect::<Vec<u8>>().into();
    let large = Bytes::from(vec![0xA5; 900_000]);
    let payloads = [Bytes::new(), binary, large];
    let records: Vec<NewRecord> = keys
        .iter()
        .flat_map(|k| {
            payloads
                .iter()
                .map(|p| NewRecord::new(k.clone(), p.clone()))
        })
        .collect();
    stream
        .append_batch(records.clone())
        .await
        .expect("append batch");
    let read = read_all(stream.as_ref()).await;
    assert_eq!(read.len(), records.len());
    for (got, sent) in read.iter().zip(&records) {
        assert_eq!(got.key, sent.key);
        assert_eq!(got.payload, sent.payload, "payload of key {:?}", sent.key);
    }
}

pub async fn consumers_keep_independent_checkpoints(stream: Arc<dyn Stream>, _: Numbering) {
    let shard = only_shard(stream.as_ref()).await;
    let appended = stream
        .append_batch(numbered("r", 0..30))
        .await
        .expect("append");
    let seq = |i: usize| appended[i].sequence.clone();

    assert_eq!(
        stream.checkpoint("alpha", &shard).await.expect("ckpt"),
        None
    );
    stream
        .commit("alpha", &shard, &seq(9))
        .await
        .expect("commit");
    stream
        .commit("beta", &shard, &seq(19))
        .await
        .expect("commit");
    assert_eq!(
        stream.checkpoint("alpha", &shard).await.expect("ckpt"),
        Some(seq(9))
    );
    assert_eq!(
        stream.checkpoint("beta", &shard).await.expect("ckpt"),
        Some(seq(19))
    );
    assert_eq!(
        stream.checkpoint("gamma", &shard).await.expect("ckpt"),
        None
    );

    // A rewind is allowed and does not touch the other consumer.
    stream
        .commit("alpha", &shard, &seq(4))
        .await
        .expect("rewind");
    assert_eq!(
        stream.checkpoint("alpha", &shard).await.expect("ckpt"),
        Some(seq(4))
    );
    assert_eq!(
        stream.checkpoint("beta", &shard).await.expect("ckpt"),
        Some(seq(19))
    );

    // Resuming reads exactly the records after each checkpoint.
    for (consumer, first) in [("alpha", 5), ("beta", 20), ("gamma", 0)] {
        let checkpoint = stream.checkpoint(consumer, &shard).await.expect("ckpt");
        let mut reader = stream
            .open_reader(&shard, StartPosition::resume(checkpoint))
            .await
            .expect("reader");
        let records = read_to_end(reader.as_mut(), 4).await;
        let expected: Vec<String> = (first..30).map(|i| format!("r-{i}")).collect();
        assert_eq!(payloads(&records), expected, "consumer {consumer}");
    }

    let past_end = successor(&appended[29].sequence);
    let err = stream.commit("alpha", &shard, &past_end).await.unwrap_err();
    assert!(matches!(err, StreamError::InvalidSequence { .. }), "{err}");
    assert_eq!(
        stream.checkpoint("alpha", &shard).await.expect("ckpt"),
        Some(seq(4))
    );
}

pub async fn tail_waits_for_new_records(stream: Arc<dyn Stream>, _: Numbering) {
    let shard = only_shard(stream.as_ref()).await;
    stream
        .append_batch(numbered("old", 0..3))
        .await
        .expect("append");
    let mut reader = stream
        .open_reader(&shard, StartPosition::Earliest)
        .await
        .expect("reader");
    assert_eq!(reader.tail(10, SOON).await.expect("tail").len(), 3);

    let started = Instant::now();
    let none = reader
        .tail(10, Duration::from_millis(300))
        .await
        .expect("tail");
    assert!(none.is_empty(), "nothing new: {none:?}");
    assert!(
        started.elapsed() >= Duration::from_millis(250),
        "tail returned before its timeout"
    );

    let writer = Arc::clone(&stream);
    let append = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(200)).await;
        writer
            .append(NewRecord::new("k", "new"))
            .await
            .expect("append");
    });
    let started = Instant::now();
    let records = reader.tail(10, SOON).await.expect("tail");
    assert_eq!(payloads(&records), ["new"]);
    assert!(
        started.elapsed() < SOON,
        "tail did not wake up on the append"
    );
    append.await.expect("appender");
}

pub async fn latest_sees_only_new_records(stream: Arc<dyn Stream>, _: Numbering) {
    let shard = only_shard(stream.as_ref()).await;
    stream
        .append_batch(numbered("old", 0..5))
        .await
        .expect("append");
    let mut reader = stream
        .open_reader(&shard, StartPosition::Latest)
        .await
        .expect("reader");
    assert!(reader.read(10).await.expect("read").is_empty());
    stream
        .append_batch(numbered("new", 0..2))
        .await
        .expect("append");
    let records = reader.tail(10, SOON).await.expect("tail");
    let mut all = records;
    if all.len() < 2 {
        all.extend(reader.tail(10, SOON).await.expect("tail"));
    }
    assert_eq!(payloads(&all), ["new-0", "new-1"]);
}

pub async fn concurrent_appends_get_distinct_consecutive_sequences(
    stream: Arc<dyn Stream>,
    numbering: Numbering,
) {
    const TASKS: usize = 8;
    const EACH: usize = 100;
    let mut tasks = Vec::new();
    for task in 0..TASKS {
        let stream = Arc::clone(&stream);
        tasks.push(tokio::spawn(async move {
            let mut acked = Vec::new();
            for i in 0..EACH {
                let payload = format!("t{task}-{i}");
                let appended = if i % 10 == 0 {
                    stream
                        .append_batch(vec![NewRecord::new("k", payload.clone())])
                        .await
                        .expect("append batch")
                        .remove(0)
                } else {
                    stream
                        .append(NewRecord::new("k", payload.clone()))
                        .await
                        .expect("append")
                };
                acked.push((appended.sequence, payload));
            }
            acked
        }));
    }
    let mut expected = BTreeMap::new();
    for task in tasks {
        for (seq, payload) in task.await.expect("task") {
            let given = seq.to_string();
            assert!(
                expected.insert(seq, payload).is_none(),
                "sequence {given} given twice"
            );
        }
    }
    let records = read_all(stream.as_ref()).await;
    assert_eq!(records.len(), TASKS * EACH);
    let got: BTreeMap<Sequence, String> = sequences_of(&records)
        .into_iter()
        .zip(payloads(&records))
        .collect();
    assert_eq!(got, expected);
    let seqs: Vec<Sequence> = got.keys().cloned().collect();
    numbering.check(&seqs);
}

pub async fn invalid_input_is_rejected(stream: Arc<dyn Stream>, numbering: Numbering) {
    let shard = only_shard(stream.as_ref()).await;
    let empty_key = stream.append(NewRecord::new("", "x")).await.unwrap_err();
    assert!(
        matches!(empty_key, StreamError::InvalidRecord { .. }),
        "{empty_key}"
    );
    let too_big = stream
        .append_batch(vec![
            NewRecord::new("ok", "fine"),
            NewRecord::new("k", vec![0u8; MAX_RECORD_BYTES]),
        ])
        .await
        .unwrap_err();
    assert!(too_big.to_string().contains("split it"), "{too_big}");
    assert!(
        read_all(stream.as_ref()).await.is_empty(),
        "a rejected batch stores nothing"
    );

    let seq = stream
        .append(NewRecord::new("k", "v"))
        .await
        .expect("append")
        .sequence;
    let bad_name = stream.commit("no spaces", &shard, &seq).await.unwrap_err();
    assert!(
        matches!(
            bad_name,
            StreamError::InvalidName {
                kind: "consumer",
                ..
            }
        ),
        "{bad_name}"
    );
    let bad_shard = stream
        .commit("ok", &ShardId::new("shardId-000000000007"), &seq)
        .await
        .unwrap_err();
    assert!(
        matches!(bad_shard, StreamError::UnknownShard { .. }),
        "{bad_shard}"
    );
    if numbering == Numbering::Increasing {
        // Kinesis-sized sequences are this backend's own.
        return;
    }
    let huge: Sequence = "49590338271490256608559692538361571095921575989136588898"
        .parse()
        .expect("digits");
    let foreign = stream
        .open_reader(&shard, StartPosition::After(huge))
        .await
        .err()
        .expect("a Kinesis-sized sequence is not from this backend");
    assert!(
        matches!(foreign, StreamError::InvalidSequence { .. }),
        "{foreign}"
    );
}
