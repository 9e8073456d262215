//! Shared helpers: small runs, a hashing sink, service detection.

use std::collections::hash_map::DefaultHasher;
use std::hash::Hasher;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use lakeforge_sim::{
    BatchView, GroundTruth, NullSink, SimError, SimParams, SimSummary, Simulation, Sink,
};

/// Parameters for a small, fast run.
pub fn params(customers: u32, days: u32, seed: u64) -> SimParams {
    SimParams {
        customers,
        products: 150,
        days,
        seed,
        ..SimParams::default()
    }
}

/// Runs `params` into a null sink; returns the summary and the ground truth.
pub async fn run(params: SimParams) -> (SimSummary, GroundTruth) {
    let mut simulation = Simulation::new(params).expect("valid parameters");
    let mut sinks: Vec<Box<dyn Sink>> = vec![Box::new(NullSink::new())];
    let summary = simulation.run(&mut sinks, |_| {}).await.expect("run");
    (
        summary,
        simulation.ground_truth().expect("ground truth").clone(),
    )
}

/// A sink hashing everything it is given: rendered events and changes (each
/// in their own order, however the batches are sliced), and the ground truth.
#[derive(Clone, Default)]
pub struct HashSink {
    hashers: Arc<Mutex<Option<(DefaultHasher, DefaultHasher)>>>,
    result: Arc<Mutex<Option<u64>>>,
    buffer: Vec<u8>,
}

impl HashSink {
    /// The final hash (after the run).
    pub fn hash(&self) -> u64 {
        self.result.lock().unwrap().expect("the run has finished")
    }
}

#[async_trait]
impl Sink for HashSink {
    fn describe(&self) -> String {
        "hash".to_owned()
    }

    async fn write(&mut self, batch: BatchView<'_>) -> Result<(), SimError> {
        let mut guard = self.hashers.lock().unwrap();
        let (events, changes) = guard.get_or_insert_with(Default::default);
        self.buffer.clear();
        for event in batch.events() {
            batch.write_event_json(event, &mut self.buffer);
        }
        events.write(&self.buffer);
        self.buffer.clear();
        for change in batch.changes() {
            change.write_json(&mut self.buffer);
        }
        changes.write(&self.buffer);
        Ok(())
    }

    async fn finish(&mut self, truth: &GroundTruth) -> Result<(), SimError> {
        let (events, changes) = self.hashers.lock().unwrap().take().unwrap_or_default();
        let mut hasher = DefaultHasher::new();
        hasher.write_u64(events.finish());
        hasher.write_u64(changes.finish());
        hasher.write(format!("{truth:?}").as_bytes());
        *self.result.lock().unwrap() = Some(hasher.finish());
        Ok(())
    }
}

/// Runs `params` into a [`HashSink`]; returns the hash and the summary.
pub async fn hash_run(params: SimParams) -> (u64, SimSummary) {
    let sink = HashSink::default();
    let mut sinks: Vec<Box<dyn Sink>> = vec![Box::new(sink.clone())];
    let mut simulation = Simulation::new(params).expect("valid parameters");
    let summary = simulation.run(&mut sinks, |_| {}).await.expect("run");
    (sink.hash(), summary)
}

/// Whether tests must fail (rather than skip) when a service is missing.
pub fn services_required() -> bool {
    std::env::var("LAKEFORGE_REQUIRE_SERVICES").is_ok_and(|value| value == "1")
}

/// A schema name unique to this test run.
pub fn unique_schema(tag: &str) -> String {
    format!("c360_test_{}_{tag}", std::process::id())
}

/// A sink counting the rows each table should hold at the end (inserts
/// minus deletes), and the events per kind.
#[derive(Clone, Default)]
pub struct RowCounter {
    rows: Arc<Mutex<std::collections::BTreeMap<&'static str, i64>>>,
}

impl RowCounter {
    /// Rows expected per table.
    pub fn rows(&self) -> std::collections::BTreeMap<&'static str, i64> {
        self.rows.lock().unwrap().clone()
    }
}

#[async_trait]
impl Sink for RowCounter {
    fn describe(&self) -> String {
        "row counter".to_owned()
    }

    async fn write(&mut self, batch: BatchView<'_>) -> Result<(), SimError> {
        let mut rows = self.rows.lock().unwrap();
        for change in batch.changes() {
            let delta = match change.op {
                lakeforge_sim::oltp::Op::Insert(_) => 1,
                lakeforge_sim::oltp::Op::Update { .. } => 0,
                lakeforge_sim::oltp::Op::Delete { .. } => -1,
            };
            *rows.entry(change.table.name()).or_default() += delta;
        }
        Ok(())
    }

    async fn finish(&mut self, _truth: &GroundTruth) -> Result<(), SimError> {
        Ok(())
    }
}

/// Runs `params` into `database` and a [`RowCounter`]; returns the summary,
/// the ground truth and the expected rows per table.
pub async fn run_into(
    params: SimParams,
    database: lakeforge_sim::DatabaseSink,
) -> (
    SimSummary,
    GroundTruth,
    std::collections::BTreeMap<&'static str, i64>,
) {
    let counter = RowCounter::default();
    let mut sinks: Vec<Box<dyn Sink>> = vec![Box::new(database), Box::new(counter.clone())];
    let mut simulation = Simulation::new(params).expect("valid parameters");
    let summary = simulation.run(&mut sinks, |_| {}).await.expect("run");
    (
        summary,
        simulation.ground_truth().unwrap().clone(),
        counter.rows(),
    )
}

/// One number from a SQL query.
pub async fn scalar(conn: &mut sqlx::AnyConnection, sql: String) -> i64 {
    sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql.clone()))
        .fetch_one(conn)
        .await
        .unwrap_or_else(|err| panic!("{sql}: {err}"))
}

/// A connection for checking what was written.
pub async fn connect(url: &str) -> sqlx::AnyConnection {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    sqlx::AnyConnection::connect(url)
        .await
        .expect("connect for checks")
}
