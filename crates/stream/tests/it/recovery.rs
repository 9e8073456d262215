//! Crash recovery of the embedded log: a torn or corrupt tail is cut off on
//! open and never returned; damage inside the log is reported, not skipped.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::Path;

use lakeforge_stream::{
    EmbeddedStream, NewRecord, Sequence, ShardId, StartPosition, Stream, StreamConfig, StreamError,
};

use crate::support::{embedded_config, numbered, payloads, read_all, segment_files, sequences};

/// Writes 100 records ("r-0" … "r-99") into stream "s" and closes it;
/// returns the newest segment's path.
async fn hundred_records(config: &StreamConfig) -> std::path::PathBuf {
    let stream = EmbeddedStream::open("s", config).await.expect("open");
    stream
        .append_batch(numbered("r", 0..100))
        .await
        .expect("append");
    drop(stream);
    segment_files(&config.root, "s").pop().expect("a segment")
}

/// Reopens, checks that exactly the first `intact` records are there and
/// that a new append follows them and reads back.
async fn assert_repaired(config: &StreamConfig, intact: usize) {
    let stream = EmbeddedStream::open("s", config).await.expect("reopen");
    let records = read_all(&stream).await;
    let expected: Vec<String> = (0..intact).map(|i| format!("r-{i}")).collect();
    assert_eq!(payloads(&records), expected);
    let appended = stream
        .append(NewRecord::new("k", "after-crash"))
        .await
        .expect("append");
    assert_eq!(appended.sequence, Sequence::from(intact as u64 + 1));
    let records = read_all(&stream).await;
    assert_eq!(records.len(), intact + 1);
    assert_eq!(payloads(&records[intact..]), ["after-crash"]);
    drop(stream);
    // The repaired log stays valid across another reopen.
    let stream = EmbeddedStream::open("s", config)
        .await
        .expect("reopen again");
    assert_eq!(read_all(&stream).await.len(), intact + 1);
}

fn file_len(path: &Path) -> u64 {
    std::fs::metadata(path).expect("metadata").len()
}

#[tokio::test]
async fn garbage_after_the_last_record_is_cut_off() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = embedded_config(dir.path());
    let segment = hundred_records(&config).await;
    let clean_len = file_len(&segment);
    let mut garbage = vec![0u8; 300];
    fastrand::fill(&mut garbage);
    garbage[0..4].copy_from_slice(&40u32.to_le_bytes()); // a plausible length
    OpenOptions::new()
        .append(true)
        .open(&segment)
        .and_then(|mut f| f.write_all(&garbage))
        .expect("append garbage");
    drop(EmbeddedStream::open("s", &config).await.expect("reopen"));
    assert_eq!(
        file_len(&segment),
        clean_len,
        "the garbage is truncated on open"
    );
    assert_repaired(&config, 100).await;
}

#[tokio::test]
async fn a_torn_last_frame_is_cut_off() {
    for cut in [1, 7, 9, 20] {
        let dir = tempfile::tempdir().expect("temp dir");
        let config = embedded_config(dir.path());
        let segment = hundred_records(&config).await;
        let len = file_len(&segment);
        OpenOptions::new()
            .write(true)
            .open(&segment)
            .and_then(|f| f.set_len(len - cut))
            .expect("cut");
        assert_repaired(&config, 99).await;
    }
}

#[tokio::test]
async fn a_crc_mismatch_in_the_last_frame_is_cut_off() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = embedded_config(dir.path());
    let segment = hundred_records(&config).await;
    let mut bytes = std::fs::read(&segment).expect("read");
    let last = bytes.len() - 1;
    bytes[last] ^= 0x01; // a payload bit of record 100
    std::fs::write(&segment, &bytes).expect("write");
    assert_repaired(&config, 99).await;
}

#[tokio::test]
async fn a_torn_first_frame_of_a_fresh_segment_leaves_the_previous_segments_intact() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = StreamConfig {
        segment_bytes: 512,
        ..embedded_config(dir.path())
    };
    let newest = hundred_records(&config).await;
    let first_in_newest: u64 = newest
        .file_stem()
        .and_then(|s| s.to_str())
        .and_then(|s| s.parse().ok())
        .expect("numeric segment name");
    assert!(first_in_newest > 1, "several segments");
    OpenOptions::new()
        .write(true)
        .open(&newest)
        .and_then(|f| f.set_len(5))
        .expect("tear the first frame");
    assert_repaired(&config, first_in_newest as usize - 1).await;
}

#[tokio::test]
async fn corruption_inside_a_sealed_segment_is_reported_not_skipped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = StreamConfig {
        segment_bytes: 1024,
        ..embedded_config(dir.path())
    };
    hundred_records(&config).await;
    let segments = segment_files(dir.path(), "s");
    assert!(segments.len() >= 3, "several segments: {segments:?}");
    let damaged = &segments[0];
    let mut bytes = std::fs::read(damaged).expect("read");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x10;
    std::fs::write(damaged, &bytes).expect("write");

    let stream = EmbeddedStream::open("s", &config).await.expect("open");
    let shard = ShardId::single();
    let mut reader = stream
        .open_reader(&shard, StartPosition::Earliest)
        .await
        .expect("reader");
    let before = reader.read(1000).await.expect("records before the damage");
    assert!(
        !before.is_empty() && before.len() < 100,
        "stops at the damage: {}",
        before.len()
    );
    assert_eq!(
        sequences(&before),
        (1..=before.len() as u64).collect::<Vec<_>>()
    );
    let err = reader.read(1000).await.unwrap_err();
    match &err {
        StreamError::Corrupt { path, .. } => assert_eq!(path, damaged),
        other => panic!("expected Corrupt, got {other}"),
    }
    assert!(err.to_string().contains("CRC32"), "{err}");
    // The error repeats rather than silently skipping records.
    assert!(reader.read(1000).await.is_err());

    // Records in later segments are still readable, and nothing was truncated.
    let later = segments[1]
        .file_stem()
        .and_then(|s| s.to_str())
        .and_then(|s| s.parse::<u64>().ok())
        .expect("numeric name");
    let mut reader = stream
        .open_reader(&shard, StartPosition::After(Sequence::from(later - 1)))
        .await
        .expect("reader");
    let rest = crate::support::read_to_end(reader.as_mut(), 1000).await;
    assert_eq!(sequences(&rest), (later..=100).collect::<Vec<_>>());
}
