//! Throughput of the embedded log with 500-byte records: `append_batch` of
//! 1000 records with fsync never and every 100 ms, and, for comparison,
//! reading them back in batches of 1000.

use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use lakeforge_stream::{
    EmbeddedStream, FsyncPolicy, NewRecord, ShardId, StartPosition, Stream, StreamConfig,
};

const BATCH: usize = 1000;
const RECORD_BYTES: usize = 500;
/// Records read per iteration of the read benchmark.
const READ_TOTAL: usize = 100_000;

fn batch() -> Vec<NewRecord> {
    let payload = bytes::Bytes::from(vec![b'x'; RECORD_BYTES]);
    (0..BATCH)
        .map(|i| NewRecord::new(format!("user-{}", i % 97), payload.clone()))
        .collect()
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("tokio runtime")
}

fn append_batch(c: &mut Criterion) {
    let runtime = runtime();
    let mut group = c.benchmark_group("embedded_append_batch_500B");
    group.throughput(Throughput::Elements(BATCH as u64));
    for (label, fsync) in [
        ("fsync_never", FsyncPolicy::Never),
        (
            "fsync_interval_100ms",
            FsyncPolicy::Interval(Duration::from_millis(100)),
        ),
    ] {
        let dir = tempfile::tempdir().expect("temp dir");
        let config = StreamConfig {
            fsync,
            retention: None,
            ..StreamConfig::embedded(dir.path())
        };
        let stream = runtime
            .block_on(EmbeddedStream::open("bench", &config))
            .expect("open");
        group.bench_function(label, |b| {
            b.iter_batched(
                batch,
                |records| {
                    runtime
                        .block_on(stream.append_batch(records))
                        .expect("append")
                },
                BatchSize::SmallInput,
            );
        });
    }
    group.finish();
}

fn read_batches(c: &mut Criterion) {
    let runtime = runtime();
    let dir = tempfile::tempdir().expect("temp dir");
    let config = StreamConfig {
        fsync: FsyncPolicy::Never,
        retention: None,
        ..StreamConfig::embedded(dir.path())
    };
    let stream = runtime
        .block_on(EmbeddedStream::open("bench", &config))
        .expect("open");
    for _ in 0..READ_TOTAL / BATCH {
        runtime
            .block_on(stream.append_batch(batch()))
            .expect("append");
    }
    let mut group = c.benchmark_group("embedded_read_500B");
    group.throughput(Throughput::Elements(READ_TOTAL as u64));
    group.sample_size(10);
    group.bench_function("batches_of_1000", |b| {
        b.iter(|| {
            runtime.block_on(async {
                let mut reader = stream
                    .open_reader(&ShardId::single(), StartPosition::Earliest)
                    .await
                    .expect("reader");
                let mut read = 0;
                while read < READ_TOTAL {
                    read += reader.read(BATCH).await.expect("read").len();
                }
            });
        });
    });
    group.finish();
}

criterion_group!(benches, append_batch, read_batches);
criterion_main!(benches);
