//! The embedded backend: the shared conformance checks, plus persistence
//! across reopen, the on-disk layout, locking and fsync policies.

use std::sync::Arc;
use std::time::Duration;

use lakeforge_stream::{
    EmbeddedStream, FsyncPolicy, NewRecord, Sequence, ShardId, StartPosition, Stream, StreamConfig,
    StreamError,
};

use crate::conformance::conformance_tests;
use crate::support::{embedded_config, numbered, payloads, read_all, sequences};

async fn run(check: impl AsyncFnOnce(Arc<dyn Stream>)) {
    let dir = tempfile::tempdir().expect("temp dir");
    let stream = EmbeddedStream::open("conformance", &embedded_config(dir.path()))
        .await
        .expect("open");
    check(Arc::new(stream)).await;
}

conformance_tests!(run, crate::conformance::Numbering::Consecutive);

mod sharded {
    use super::*;
    use crate::sharded::{SHARDS, sharded_tests};

    async fn run(check: impl AsyncFnOnce(Arc<dyn Stream>)) {
        let dir = tempfile::tempdir().expect("temp dir");
        let config = StreamConfig {
            shard_count: SHARDS,
            ..embedded_config(dir.path())
        };
        let stream = EmbeddedStream::open("sharded", &config)
            .await
            .expect("open");
        check(Arc::new(stream)).await;
    }

    sharded_tests!(run, crate::conformance::Numbering::Consecutive);
}

#[tokio::test]
async fn a_sharded_stream_keeps_one_log_per_shard_and_survives_reopen() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = StreamConfig {
        shard_count: 3,
        fsync: FsyncPolicy::Always,
        ..embedded_config(dir.path())
    };
    let folder = EmbeddedStream::folder(dir.path(), "orders");
    let mut per_shard = std::collections::BTreeMap::<String, Vec<String>>::new();
    {
        let stream = EmbeddedStream::open("orders", &config).await.expect("open");
        let shards = stream.shards().await.expect("shards");
        let ids: Vec<&str> = shards.iter().map(ShardId::as_str).collect();
        assert_eq!(ids, ["0", "1", "2"]);
        let appended = stream
            .append_batch(numbered("o", 0..60))
            .await
            .expect("append");
        for (i, a) in appended.iter().enumerate() {
            per_shard
                .entry(a.shard.to_string())
                .or_default()
                .push(format!("o-{i}"));
        }
        for shard in &shards {
            stream
                .commit("delivery", shard, &Sequence::from(1))
                .await
                .expect("commit");
        }
    }
    assert_eq!(
        std::fs::read_to_string(folder.join("SHARDS")).expect("SHARDS"),
        "3\n"
    );
    for shard in 0..3 {
        let shard_dir = folder.join("shards").join(shard.to_string());
        assert!(shard_dir.join("00000000000000000001.seg").is_file());
        assert_eq!(
            std::fs::read_to_string(shard_dir.join("consumers/delivery.checkpoint"))
                .expect("checkpoint"),
            "1\n"
        );
    }
    assert!(
        !folder.join("00000000000000000001.seg").exists(),
        "no log in the stream folder itself"
    );

    let stream = EmbeddedStream::open("orders", &config)
        .await
        .expect("reopen");
    for shard in stream.shards().await.expect("shards") {
        let mut reader = stream
            .open_reader(&shard, StartPosition::Earliest)
            .await
            .expect("reader");
        let records = crate::support::read_to_end(reader.as_mut(), 100).await;
        assert_eq!(
            payloads(&records),
            per_shard.remove(shard.as_str()).unwrap_or_default(),
            "shard {shard}"
        );
        assert_eq!(
            stream.checkpoint("delivery", &shard).await.expect("ckpt"),
            Some(Sequence::from(1))
        );
    }
}

#[tokio::test]
async fn one_shard_streams_keep_the_layout_from_before_shards() {
    let dir = tempfile::tempdir().expect("temp dir");
    let stream = EmbeddedStream::open("plain", &embedded_config(dir.path()))
        .await
        .expect("open");
    stream
        .append(NewRecord::new("k", "v"))
        .await
        .expect("append");
    let folder = EmbeddedStream::folder(dir.path(), "plain");
    assert!(folder.join("00000000000000000001.seg").is_file());
    assert!(!folder.join("SHARDS").exists());
    assert!(!folder.join("shards").exists());
    assert_eq!(stream.shards().await.expect("shards"), [ShardId::single()]);
}

#[tokio::test]
async fn reopening_with_another_shard_count_is_refused_with_the_fix() {
    let dir = tempfile::tempdir().expect("temp dir");
    let one = embedded_config(dir.path());
    let four = StreamConfig {
        shard_count: 4,
        ..embedded_config(dir.path())
    };
    drop(EmbeddedStream::open("a", &one).await.expect("open"));
    let err = EmbeddedStream::open("a", &four).await.expect_err("reshard");
    assert!(matches!(err, StreamError::Config { .. }), "{err}");
    assert!(err.to_string().contains("shard_count = 1"), "{err}");

    drop(EmbeddedStream::open("b", &four).await.expect("open"));
    let err = EmbeddedStream::open("b", &one).await.expect_err("reshard");
    assert!(err.to_string().contains("shard_count = 4"), "{err}");
    EmbeddedStream::open("b", &four).await.expect("same count");

    let zero = StreamConfig {
        shard_count: 0,
        ..embedded_config(dir.path())
    };
    let err = EmbeddedStream::open("c", &zero)
        .await
        .expect_err("no shards");
    assert!(matches!(err, StreamError::Config { .. }), "{err}");
}

#[tokio::test]
async fn reopen_after_drop_keeps_records_and_checkpoints_under_every_fsync_policy() {
    for fsync in [
        FsyncPolicy::Always,
        FsyncPolicy::Interval(Duration::from_millis(5)),
        FsyncPolicy::Never,
    ] {
        let dir = tempfile::tempdir().expect("temp dir");
        let config = StreamConfig {
            fsync,
            ..embedded_config(dir.path())
        };
        let shard = ShardId::single();
        {
            let stream = EmbeddedStream::open("orders", &config).await.expect("open");
            stream
                .append_batch(numbered("o", 0..50))
                .await
                .expect("append");
            stream
                .commit("a", &shard, &Sequence::from(20))
                .await
                .expect("commit");
            stream
                .commit("b", &shard, &Sequence::from(40))
                .await
                .expect("commit");
        }
        let stream = EmbeddedStream::open("orders", &config)
            .await
            .expect("reopen");
        let records = read_all(&stream).await;
        assert_eq!(
            sequences(&records),
            (1..=50).collect::<Vec<_>>(),
            "{fsync:?}"
        );
        let expected: Vec<String> = (0..50).map(|i| format!("o-{i}")).collect();
        assert_eq!(payloads(&records), expected, "{fsync:?}");
        assert_eq!(
            stream.checkpoint("a", &shard).await.expect("ckpt"),
            Some(Sequence::from(20))
        );
        assert_eq!(
            stream.checkpoint("b", &shard).await.expect("ckpt"),
            Some(Sequence::from(40))
        );
        let next = stream
            .append(NewRecord::new("k", "after"))
            .await
            .expect("append");
        assert_eq!(next.sequence, Sequence::from(51), "{fsync:?}");
    }
}

#[tokio::test]
async fn log_and_checkpoints_live_in_the_documented_layout() {
    let dir = tempfile::tempdir().expect("temp dir");
    let stream = EmbeddedStream::open("clicks", &embedded_config(dir.path()))
        .await
        .expect("open");
    stream
        .append_batch(numbered("c", 0..3))
        .await
        .expect("append");
    stream
        .commit("delivery", &ShardId::single(), &Sequence::from(2))
        .await
        .expect("commit");
    let folder = dir.path().join(".lakeforge/streams/clicks");
    assert_eq!(EmbeddedStream::folder(dir.path(), "clicks"), folder);
    assert!(folder.join("LOCK").is_file());
    assert!(folder.join("00000000000000000001.seg").is_file());
    let checkpoint = std::fs::read_to_string(folder.join("consumers/delivery.checkpoint"))
        .expect("checkpoint file");
    assert_eq!(checkpoint, "2\n");
    assert!(
        !folder.join("consumers/delivery.checkpoint.tmp").exists(),
        "the temporary file is renamed into place"
    );
}

#[tokio::test]
async fn a_second_open_is_refused_until_the_first_is_dropped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = embedded_config(dir.path());
    let first = EmbeddedStream::open("events", &config).await.expect("open");
    let err = EmbeddedStream::open("events", &config)
        .await
        .expect_err("locked");
    assert!(matches!(err, StreamError::Locked { .. }), "{err}");
    assert!(
        err.to_string().contains("LOCK"),
        "names the lock file: {err}"
    );
    // Another stream in the same root is independent.
    EmbeddedStream::open("other", &config)
        .await
        .expect("other stream");
    first
        .append(NewRecord::new("k", "v"))
        .await
        .expect("append");
    drop(first);
    let again = EmbeddedStream::open("events", &config)
        .await
        .expect("reopen");
    assert_eq!(payloads(&read_all(&again).await), ["v"]);
}

#[tokio::test]
async fn a_damaged_checkpoint_file_is_reported_with_its_path() {
    let dir = tempfile::tempdir().expect("temp dir");
    let stream = EmbeddedStream::open("s", &embedded_config(dir.path()))
        .await
        .expect("open");
    let path = EmbeddedStream::folder(dir.path(), "s").join("consumers/c.checkpoint");
    std::fs::write(&path, "not a number").expect("write");
    let err = stream
        .checkpoint("c", &ShardId::single())
        .await
        .unwrap_err();
    assert!(
        matches!(err, StreamError::CorruptCheckpoint { .. }),
        "{err}"
    );
    assert!(err.to_string().contains("c.checkpoint"), "{err}");
}

#[tokio::test]
async fn invalid_stream_names_are_rejected_before_touching_the_disk() {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["", "../escape", "a b", "x.y"] {
        let err = EmbeddedStream::open(name, &embedded_config(dir.path()))
            .await
            .expect_err("invalid name");
        assert!(
            matches!(err, StreamError::InvalidName { kind: "stream", .. }),
            "{err}"
        );
    }
    assert!(!dir.path().join(".lakeforge").exists());
}

#[tokio::test]
async fn a_reader_resumes_across_segment_boundaries_without_rereading() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = StreamConfig {
        segment_bytes: 1024,
        ..embedded_config(dir.path())
    };
    let stream = EmbeddedStream::open("s", &config).await.expect("open");
    let shard = ShardId::single();
    let mut reader = stream
        .open_reader(&shard, StartPosition::Earliest)
        .await
        .expect("reader");
    let mut seen = Vec::new();
    for round in 0..20 {
        stream
            .append_batch(numbered(&format!("r{round}"), 0..7))
            .await
            .expect("append");
        seen.extend(sequences(&reader.read(5).await.expect("read")));
    }
    seen.extend(sequences(
        &crate::support::read_to_end(reader.as_mut(), 3).await,
    ));
    assert_eq!(seen, (1..=140).collect::<Vec<_>>());
}
