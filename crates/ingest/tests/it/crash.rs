//! Exactly once across kill -9: a child process delivering is killed at random moments and
//! restarted; in the end every good record is in the table once and every bad one in the
//! error output once.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::support::{deliver, embedded, error_objects, ingestion, lake, put, rows};

/// Set in the child: the project folder to deliver in.
const CHILD_ENV: &str = "LAKEFORGE_INGEST_CRASH_CHILD";
const CYCLES: usize = 20;
const GOOD: u64 = 20_000;
const BAD_EVERY: u64 = 500;

/// The child's work (a no-op unless started by the crash test).
#[tokio::test]
async fn crash_child() {
    let Ok(dir) = std::env::var(CHILD_ENV) else {
        return;
    };
    let dir = Path::new(&dir);
    deliver(&lake(dir), &one_megabyte_buffers(), embedded(dir).await).await;
}

fn one_megabyte_buffers() -> lakeforge_spec::StreamingIngestion {
    let mut ingestion = ingestion();
    ingestion.buffer_size_mb = 1;
    ingestion
}

#[test]
fn kill_9_at_random_moments_loses_and_duplicates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let padding = "p".repeat(400);
    let mut payloads = Vec::new();
    for id in 0..GOOD {
        payloads.push(format!(
            r#"{{"event_id": {id}, "timestamp": {}, "pad": "{padding}"}}"#,
            1_772_600_000 + id * 7
        ));
        if id % BAD_EVERY == 0 {
            payloads.push(format!("broken record {id}"));
        }
    }
    let bad = payloads.len() as u64 - GOOD;
    runtime.block_on(async {
        let stream = embedded(dir.path()).await;
        put(stream.as_ref(), &payloads).await;
    });

    let mut killed_mid_run = 0;
    for _ in 0..CYCLES {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "crash::crash_child",
                "--exact",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, dir.path())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(fastrand::u64(30..600)));
        if child.try_wait().unwrap().is_none() {
            killed_mid_run += 1;
        }
        child.kill().unwrap();
        child.wait().unwrap();
    }
    eprintln!("{killed_mid_run} of {CYCLES} children were killed while delivering");

    runtime.block_on(async {
        let lake = lake(dir.path());
        deliver(&lake, &one_megabyte_buffers(), embedded(dir.path()).await).await;
        assert_eq!(
            rows(&lake, "SELECT count(*), count(DISTINCT event_id), min(event_id), max(event_id) FROM bronze.clickstream").await,
            [format!("{GOOD}|{GOOD}|0|{}", GOOD - 1)]
        );
    });
    let errors = error_objects(dir.path());
    assert_eq!(errors.len() as u64, bad);
    assert!(
        errors
            .iter()
            .all(|(_, e)| e["errorMessage"].as_str().unwrap().starts_with("not JSON"))
    );
}
