//! Segment rolling and retention of the embedded log.

use std::fs::File;
use std::path::Path;
use std::time::{Duration, SystemTime};

use lakeforge_stream::{
    EmbeddedStream, NewRecord, Sequence, ShardId, StartPosition, Stream, StreamConfig,
};

use crate::support::{embedded_config, numbered, payloads, read_all, segment_files, sequences};

fn first_seq(segment: &Path) -> u64 {
    segment
        .file_stem()
        .and_then(|s| s.to_str())
        .and_then(|s| s.parse().ok())
        .expect("segment named by its first sequence")
}

fn age(segment: &Path, by: Duration) {
    File::options()
        .write(true)
        .open(segment)
        .and_then(|f| f.set_modified(SystemTime::now() - by))
        .expect("set mtime");
}

const TWO_HOURS: Duration = Duration::from_secs(2 * 3600);

fn small_segments(root: &Path, retention: Option<Duration>) -> StreamConfig {
    StreamConfig {
        segment_bytes: 1024,
        retention,
        ..embedded_config(root)
    }
}

#[tokio::test]
async fn segments_roll_at_the_size_limit_and_read_back_in_order() {
    let dir = tempfile::tempdir().expect("temp dir");
    let stream = EmbeddedStream::open("s", &small_segments(dir.path(), None))
        .await
        .expect("open");
    let payload = "x".repeat(100);
    for chunk in 0..20 {
        let records = (0..10)
            .map(|i| NewRecord::new(format!("k{chunk}-{i}"), payload.clone()))
            .collect();
        stream.append_batch(records).await.expect("append");
    }
    let segments = segment_files(dir.path(), "s");
    assert!(
        segments.len() >= 5,
        "200 × ~140 bytes in 1 KiB segments: {}",
        segments.len()
    );
    assert_eq!(first_seq(&segments[0]), 1);
    for segment in &segments {
        let len = std::fs::metadata(segment).expect("metadata").len();
        assert!(len <= 1024, "{} is {len} bytes", segment.display());
    }
    let records = read_all(&stream).await;
    assert_eq!(sequences(&records), (1..=200).collect::<Vec<_>>());
    // Each segment starts where its name says.
    for segment in &segments[1..] {
        let first = first_seq(segment);
        let mut reader = stream
            .open_reader(
                &ShardId::single(),
                StartPosition::After(Sequence::from(first - 1)),
            )
            .await
            .expect("reader");
        let record = reader.read(1).await.expect("read").remove(0);
        assert_eq!(record.sequence, Sequence::from(first));
        assert_eq!(
            record.key,
            format!("k{}-{}", (first - 1) / 10, (first - 1) % 10)
        );
    }
}

#[tokio::test]
async fn a_record_larger_than_a_segment_gets_a_segment_of_its_own() {
    let dir = tempfile::tempdir().expect("temp dir");
    let stream = EmbeddedStream::open("s", &small_segments(dir.path(), None))
        .await
        .expect("open");
    stream
        .append(NewRecord::new("small", "a"))
        .await
        .expect("append");
    stream
        .append(NewRecord::new("big", vec![7u8; 10_000]))
        .await
        .expect("append");
    stream
        .append(NewRecord::new("small", "b"))
        .await
        .expect("append");
    let firsts: Vec<u64> = segment_files(dir.path(), "s")
        .iter()
        .map(|p| first_seq(p))
        .collect();
    assert_eq!(firsts, [1, 2, 3]);
    let records = read_all(&stream).await;
    assert_eq!(records[1].payload.len(), 10_000);
    assert_eq!(
        records.iter().map(|r| r.key.as_str()).collect::<Vec<_>>(),
        ["small", "big", "small"]
    );
}

#[tokio::test]
async fn retention_on_open_deletes_old_sealed_segments_only() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = small_segments(dir.path(), Some(Duration::from_secs(3600)));
    {
        let stream = EmbeddedStream::open("s", &config).await.expect("open");
        stream
            .append_batch(numbered("r", 0..200))
            .await
            .expect("append");
        stream
            .commit("slow", &ShardId::single(), &Sequence::from(3))
            .await
            .expect("commit");
    }
    let segments = segment_files(dir.path(), "s");
    assert!(segments.len() >= 4);
    // Old, old, fresh, then old again: only the leading old ones go, and the
    // newest (active) segment stays even though it is old too.
    age(&segments[0], TWO_HOURS);
    age(&segments[1], TWO_HOURS);
    for segment in &segments[3..] {
        age(segment, TWO_HOURS);
    }
    let stream = EmbeddedStream::open("s", &config).await.expect("reopen");
    let kept = segment_files(dir.path(), "s");
    assert_eq!(kept, segments[2..]);

    let oldest = first_seq(&segments[2]);
    let records = read_all(&stream).await;
    assert_eq!(sequences(&records), (oldest..=200).collect::<Vec<_>>());
    // A consumer whose checkpoint expired resumes at the oldest retained record.
    let checkpoint = stream
        .checkpoint("slow", &ShardId::single())
        .await
        .expect("ckpt");
    let mut reader = stream
        .open_reader(&ShardId::single(), StartPosition::resume(checkpoint))
        .await
        .expect("reader");
    assert_eq!(
        reader.read(1).await.expect("read")[0].sequence,
        Sequence::from(oldest)
    );
    assert_eq!(
        stream
            .append(NewRecord::new("k", "new"))
            .await
            .expect("append")
            .sequence,
        Sequence::from(201)
    );
}

#[tokio::test]
async fn retention_runs_when_a_segment_rolls_and_lagging_readers_skip_ahead() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = small_segments(dir.path(), Some(Duration::from_secs(3600)));
    let stream = EmbeddedStream::open("s", &config).await.expect("open");
    stream
        .append_batch(numbered("r", 0..100))
        .await
        .expect("append");
    let mut lagging = stream
        .open_reader(&ShardId::single(), StartPosition::Earliest)
        .await
        .expect("reader");
    let segments = segment_files(dir.path(), "s");
    let sealed = &segments[..segments.len() - 1];
    assert!(sealed.len() >= 2);
    for segment in sealed {
        age(segment, TWO_HOURS);
    }
    // Fill the active segment until it rolls, which applies retention.
    let active_first = first_seq(segments.last().expect("active"));
    let mut appended = 100;
    while segment_files(dir.path(), "s")
        .iter()
        .all(|p| first_seq(p) <= active_first)
    {
        stream
            .append(NewRecord::new("k", "x".repeat(200)))
            .await
            .expect("append");
        appended += 1;
        assert!(appended < 1000, "the active segment never rolled");
    }
    let kept: Vec<u64> = segment_files(dir.path(), "s")
        .iter()
        .map(|p| first_seq(p))
        .collect();
    assert_eq!(
        kept[0], active_first,
        "sealed old segments deleted: {kept:?}"
    );
    let records = lagging.read(10_000).await.expect("read");
    assert_eq!(records[0].sequence, Sequence::from(active_first));
    assert_eq!(
        sequences(&records),
        (active_first..=appended).collect::<Vec<_>>()
    );
    assert_eq!(payloads(&records[..1]), [format!("r-{}", active_first - 1)]);
}
