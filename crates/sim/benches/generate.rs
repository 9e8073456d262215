//! Events per second generated into a null sink, plain files and the
//! embedded stream; and the wall time of the default run (`lakeforge demo`
//! size) written to SQLite.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use lakeforge_sim::{
    DatabaseSink, FilesSink, NullSink, SimParams, SimSummary, Simulation, Sink, StreamSink,
};
use lakeforge_stream::StreamConfig;
use tokio::runtime::Runtime;

/// The benchmark's world: twice the default customers, default products and days.
fn params() -> SimParams {
    SimParams {
        customers: 2000,
        ..SimParams::default()
    }
}

/// Runs `params` once into `sinks`.
fn run(runtime: &Runtime, params: SimParams, mut sinks: Vec<Box<dyn Sink>>) -> SimSummary {
    runtime.block_on(async {
        let mut simulation = Simulation::new(params).expect("valid parameters");
        simulation.run(&mut sinks, |_| {}).await.expect("run")
    })
}

fn events_per_second(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let events = run(&runtime, params(), vec![Box::new(NullSink::new())]).events;
    let mut group = c.benchmark_group("events");
    group.sample_size(10);
    group.throughput(Throughput::Elements(events));
    group.bench_function("null_sink", |b| {
        b.iter(|| black_box(run(&runtime, params(), vec![Box::new(NullSink::new())])))
    });
    group.bench_function("files", |b| {
        b.iter(|| {
            let dir = tempfile::tempdir().unwrap();
            let sink = FilesSink::create(dir.path()).unwrap();
            black_box(run(&runtime, params(), vec![Box::new(sink)]))
        })
    });
    group.bench_function("embedded_stream", |b| {
        b.iter(|| {
            let dir = tempfile::tempdir().unwrap();
            let config = StreamConfig::embedded(dir.path());
            let sink = runtime
                .block_on(StreamSink::open("clicks", &config))
                .unwrap();
            black_box(run(&runtime, params(), vec![Box::new(sink)]))
        })
    });
    group.finish();
}

fn default_run_to_sqlite(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let mut group = c.benchmark_group("default_run");
    group.sample_size(10);
    group.bench_function("sqlite_and_files", |b| {
        b.iter(|| {
            let dir = tempfile::tempdir().unwrap();
            let url = format!("sqlite://{}/retail.db", dir.path().display());
            let database = runtime
                .block_on(DatabaseSink::connect(&url, "c360"))
                .unwrap();
            let files = FilesSink::create(dir.path()).unwrap();
            black_box(run(
                &runtime,
                SimParams::default(),
                vec![Box::new(database), Box::new(files)],
            ))
        })
    });
    group.finish();
}

criterion_group!(benches, events_per_second, default_run_to_sqlite);
criterion_main!(benches);
