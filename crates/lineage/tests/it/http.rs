//! The HTTP transport against a stand-in Marquez: accepted, refused, down, back — every event
//! arrives once, in order, and a down endpoint delays a job by at most the close timeout.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use lakeforge_lineage::config::HttpEndpoint;
use lakeforge_lineage::http::Outbox;
use lakeforge_lineage::store::Store;
use lakeforge_lineage::{JobSpec, Lineage, LineageConfig};

use crate::marquez::{Answer, Marquez};

fn config(store: &Path, base: &str) -> LineageConfig {
    let mut config = LineageConfig::local(store, "retail");
    config.http = Some(HttpEndpoint::from_base(base, Some("secret-key".to_string())).unwrap());
    config.close_timeout = Duration::from_millis(1500);
    config
}

/// Emits `runs` runs of START + COMPLETE; returns their (run id, state) in emission order.
fn emit_runs(lineage: &Lineage, runs: usize) -> Vec<(String, String)> {
    let mut emitted = Vec::new();
    for index in 0..runs {
        let run = lineage.start(JobSpec::batch(format!("job-{index}")), vec![], vec![], None);
        let id = run.run_id().to_string();
        run.complete(vec![], vec![]);
        emitted.push((id.clone(), "START".to_string()));
        emitted.push((id, "COMPLETE".to_string()));
    }
    emitted
}

fn received(bodies: &[serde_json::Value]) -> Vec<(String, String)> {
    bodies
        .iter()
        .map(|body| {
            (
                body["run"]["runId"].as_str().unwrap().to_string(),
                body["eventType"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_accepting_endpoint_gets_every_event_once_in_order_with_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let marquez = Marquez::start(0, |_| Answer::Accept).await;
    let lineage = Lineage::new(config(dir.path(), &marquez.base)).unwrap();
    let emitted = emit_runs(&lineage, 5);
    lineage.close().await;
    assert_eq!(received(&marquez.accepted()), emitted);
    let seen = marquez.seen.lock().unwrap().clone();
    assert!(seen.iter().all(|s| s.path == "/api/v1/lineage"));
    assert!(
        seen.iter()
            .all(|s| s.authorization.as_deref() == Some("Bearer secret-key"))
    );
    // The local store has them too, and the outbox is empty.
    assert_eq!(
        Store::new(dir.path(), 1 << 20).read_all().unwrap().len(),
        10
    );
    let endpoint = HttpEndpoint::from_base(&marquez.base, None).unwrap();
    assert!(Outbox::new(dir.path(), &endpoint).is_empty().unwrap());
    marquez.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_down_endpoint_costs_at_most_the_close_timeout_and_gets_everything_when_back() {
    let dir = tempfile::tempdir().unwrap();
    // Find a free port, then close it: the endpoint is down.
    let probe = Marquez::start(0, |_| Answer::Accept).await;
    let port = probe.port();
    let base = probe.base.clone();
    probe.stop().await;

    let lineage = Lineage::new(config(dir.path(), &base)).unwrap();
    let mut emitted = emit_runs(&lineage, 3);
    let began = Instant::now();
    lineage.close().await;
    let waited = began.elapsed();
    assert!(
        waited < Duration::from_millis(1500 + 500),
        "close waited {waited:?} on a down endpoint"
    );
    let endpoint = HttpEndpoint::from_base(&base, None).unwrap();
    assert_eq!(Outbox::new(dir.path(), &endpoint).len().unwrap(), 6);

    // Back up: the next run sends what waited, then its own events, once each, in order.
    let marquez = Marquez::start(port, |_| Answer::Accept).await;
    let lineage = Lineage::new(config(dir.path(), &base)).unwrap();
    emitted.extend(emit_runs(&lineage, 2));
    lineage.close().await;
    assert_eq!(received(&marquez.accepted()), emitted);
    assert!(Outbox::new(dir.path(), &endpoint).is_empty().unwrap());
    marquez.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_endpoint_is_retried_without_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    // Every third request fails with 503 before it succeeds.
    let requests = Arc::new(AtomicUsize::new(0));
    let counter = requests.clone();
    let marquez = Marquez::start(0, move |_| {
        if counter.fetch_add(1, Ordering::SeqCst).is_multiple_of(3) {
            Answer::Unavailable
        } else {
            Answer::Accept
        }
    })
    .await;
    let mut config = config(dir.path(), &marquez.base);
    config.close_timeout = Duration::from_secs(10);
    let lineage = Lineage::new(config).unwrap();
    let emitted = emit_runs(&lineage, 4);
    lineage.close().await;
    assert_eq!(received(&marquez.accepted()), emitted);
    let refused = marquez
        .seen
        .lock()
        .unwrap()
        .iter()
        .filter(|s| s.answered == 503)
        .count();
    assert!(
        refused > 0,
        "the endpoint never refused: the test proves nothing"
    );
    marquez.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_event_the_endpoint_rejects_is_kept_aside_and_the_rest_flow() {
    let dir = tempfile::tempdir().unwrap();
    let marquez = Marquez::start(0, |body| {
        if body["job"]["name"] == "job-1" && body["eventType"] == "START" {
            Answer::BadRequest
        } else {
            Answer::Accept
        }
    })
    .await;
    let lineage = Lineage::new(config(dir.path(), &marquez.base)).unwrap();
    let mut emitted = emit_runs(&lineage, 3);
    lineage.close().await;
    let rejected = emitted.remove(2);
    assert_eq!(rejected.1, "START");
    assert_eq!(received(&marquez.accepted()), emitted);
    let endpoint = HttpEndpoint::from_base(&marquez.base, None).unwrap();
    let outbox = Outbox::new(dir.path(), &endpoint);
    let kept = std::fs::read_to_string(outbox.dir().join("rejected.jsonl")).unwrap();
    assert_eq!(kept.lines().count(), 1);
    let record: serde_json::Value = serde_json::from_str(kept.trim()).unwrap();
    assert_eq!(record["status"], 400);
    assert_eq!(record["event"]["run"]["runId"], rejected.0.as_str());
    marquez.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recovering_endpoint_takes_what_it_refused_while_the_job_ran() {
    let dir = tempfile::tempdir().unwrap();
    let marquez = Marquez::start(0, |_| Answer::Unavailable).await;
    let lineage = Lineage::new(config(dir.path(), &marquez.base)).unwrap();
    let emitted = emit_runs(&lineage, 2);
    tokio::time::sleep(Duration::from_millis(300)).await;
    marquez.answer_with(|_| Answer::Accept);
    lineage.close().await;
    assert_eq!(received(&marquez.accepted()), emitted);
    marquez.stop().await;
}
