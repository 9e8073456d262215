//! Delivery behaviour on the embedded, NATS and Kinesis backends.

use lakeforge_ingest::streaming::{DeliveryMode, StreamingDelivery};
use lakeforge_lake::Lake;
use lakeforge_stream::testing::{client_config, moto, unique_name};
use lakeforge_stream::{KinesisStream, NewRecord, Stream, StreamConfig, open_stream};

use crate::support::{
    deliver, embedded, error_objects, event, ingestion, lake, put, rows, services_required,
};

#[tokio::test]
async fn events_land_partitioned_by_event_hour_and_are_queryable_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let lake = lake(dir.path());
    let stream = embedded(dir.path()).await;
    put(stream.as_ref(), &[event(1, 5), event(2, 5), event(3, 17)]).await;
    let summary = deliver(&lake, &ingestion(), stream).await;
    assert_eq!(
        (
            summary.records,
            summary.delivered,
            summary.rejected,
            summary.commits
        ),
        (3, 3, 0, 1)
    );

    let table = dir.path().join("lake/shop-bronze/clickstream");
    assert!(table.join("year=2026/month=03/day=04/hour=05").is_dir());
    assert!(table.join("year=2026/month=03/day=04/hour=17").is_dir());
    assert_eq!(
        rows(
            &lake,
            "SELECT hour, count(*) FROM bronze.clickstream GROUP BY hour ORDER BY hour"
        )
        .await,
        ["05|2", "17|1"]
    );
}

#[tokio::test]
async fn bad_records_go_to_the_error_prefix_with_reason_bytes_and_time() {
    let dir = tempfile::tempdir().unwrap();
    let lake = lake(dir.path());
    let stream = embedded(dir.path()).await;
    let too_big = format!(r#"{{"event_id": 9, "blob": "{}"}}"#, "x".repeat(2000));
    let wrong_type = r#"{"event_id": "not-a-number", "action": "view"}"#.to_string();
    put(
        stream.as_ref(),
        &[
            event(1, 1),
            "not json at all".into(),
            "[1, 2]".into(),
            too_big,
            event(2, 1),
        ],
    )
    .await;
    let mut small = ingestion();
    small.max_record_bytes = 1000;
    deliver(&lake, &small, stream).await;
    let stream = embedded(dir.path()).await;
    put(stream.as_ref(), &[wrong_type, event(3, 1)]).await;
    let summary = deliver(&lake, &small, stream).await;
    assert_eq!((summary.delivered, summary.rejected), (1, 1));

    assert_eq!(
        rows(
            &lake,
            "SELECT event_id FROM bronze.clickstream ORDER BY event_id"
        )
        .await,
        ["1", "2", "3"]
    );
    let errors = error_objects(dir.path());
    let reasons: Vec<&str> = errors
        .iter()
        .map(|(_, e)| e["errorMessage"].as_str().unwrap())
        .collect();
    assert_eq!(errors.len(), 4, "{reasons:?}");
    assert!(reasons[0].starts_with("not JSON"), "{reasons:?}");
    assert_eq!(reasons[1], "not a JSON object");
    assert!(reasons[2].contains("over the limit of 1000"), "{reasons:?}");
    assert!(
        reasons[3].contains("does not fit the table's schema"),
        "{reasons:?}"
    );
    let (path, first) = &errors[0];
    assert!(
        path.starts_with("year=") && path.contains("/hour="),
        "{path}"
    );
    let raw = base64_decode(first["rawData"].as_str().unwrap());
    assert_eq!(raw, b"not json at all");
    assert!(first["arrivalTimestamp"].as_u64().unwrap() > 1_700_000_000_000);
}

fn base64_decode(text: &str) -> Vec<u8> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .unwrap()
}

#[tokio::test]
async fn new_fields_become_columns_and_numbers_widen_into_text_columns() {
    let dir = tempfile::tempdir().unwrap();
    let lake = lake(dir.path());
    let stream = embedded(dir.path()).await;
    put(
        stream.as_ref(),
        &[r#"{"event_id": 1, "action": "view", "timestamp": "2026-01-01T00:00:00Z"}"#.into()],
    )
    .await;
    deliver(&lake, &ingestion(), stream).await;
    let stream = embedded(dir.path()).await;
    put(
        stream.as_ref(),
        &[
            r#"{"event_id": 2, "action": 42, "query": "red shoes", "cart": {"items": 3}, "timestamp": "2026-01-01T00:00:00Z"}"#.into(),
            r#"{"event_id": 3, "timestamp": "2026-01-01T00:00:00Z", "seen": null}"#.into(),
        ],
    )
    .await;
    let summary = deliver(&lake, &ingestion(), stream).await;
    assert_eq!(summary.rejected, 0);
    assert_eq!(
        rows(
            &lake,
            "SELECT event_id, coalesce(action, '-'), coalesce(query, '-'), coalesce(cast(cart['items'] AS varchar), '-') FROM bronze.clickstream ORDER BY event_id"
        )
        .await,
        ["1|view|-|-", "2|42|red shoes|3", "3|-|-|-"]
    );
}

#[tokio::test]
async fn a_backlog_under_the_size_hint_is_one_commit_and_a_rerun_delivers_nothing_twice() {
    let dir = tempfile::tempdir().unwrap();
    let lake = lake(dir.path());
    let stream = embedded(dir.path()).await;
    let events: Vec<String> = (0..3000).map(|i| event(i, (i % 24) as u32)).collect();
    put(stream.as_ref(), &events).await;
    let mut small = ingestion();
    small.buffer_size_mb = 1;
    let first = deliver(&lake, &small, stream).await;
    assert_eq!(
        first.commits, 1,
        "a ~320 KB backlog under a 1 MB hint: {first:?}"
    );
    let payload: u64 = events.iter().map(|e| e.len() as u64).sum();
    assert_eq!(first.bytes, payload);

    let again = deliver(&lake, &small, embedded(dir.path()).await).await;
    assert_eq!((again.records, again.commits), (0, 0));
    assert_eq!(
        rows(
            &lake,
            "SELECT count(*), count(DISTINCT event_id) FROM bronze.clickstream"
        )
        .await,
        ["3000|3000"]
    );
}

#[tokio::test]
async fn a_larger_backlog_than_the_hint_commits_per_megabyte() {
    let dir = tempfile::tempdir().unwrap();
    let lake = lake(dir.path());
    let stream = embedded(dir.path()).await;
    let padding = "p".repeat(500);
    let events: Vec<String> = (0..5000)
        .map(|i| format!(r#"{{"event_id": {i}, "pad": "{padding}"}}"#))
        .collect();
    put(stream.as_ref(), &events).await;
    let mut small = ingestion();
    small.buffer_size_mb = 1;
    let summary = deliver(&lake, &small, stream).await;
    assert_eq!(summary.delivered, 5000);
    assert_eq!(
        summary.commits, 3,
        "2.5 MB with a 1 MB hint → two full buffers and the rest"
    );
}

#[tokio::test]
async fn follow_mode_delivers_by_interval_until_stopped() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let dir = tempfile::tempdir().unwrap();
    let lake = lake(dir.path());
    let stream = embedded(dir.path()).await;
    put(stream.as_ref(), &[event(1, 1)]).await;
    let mut quick = ingestion();
    quick.buffer_interval_seconds = 0;
    let stop = Arc::new(AtomicBool::new(false));
    let delivery =
        StreamingDelivery::new("c360-clickstream", &quick, lake.clone(), stream).unwrap();
    let stopper = stop.clone();
    let watcher = lake.clone();
    let run = async {
        delivery
            .run(&DeliveryMode::Follow { stop: stop.clone() }, &|p| {
                if p.delivered >= 1 {
                    stopper.store(true, Ordering::SeqCst);
                }
            })
            .await
            .unwrap()
    };
    let summary = tokio::time::timeout(std::time::Duration::from_secs(20), run)
        .await
        .unwrap();
    assert_eq!(summary.delivered, 1);
    assert_eq!(
        rows(&watcher, "SELECT event_id FROM bronze.clickstream").await,
        ["1"]
    );
}

#[tokio::test]
async fn nats_streams_deliver_exactly_once_too() {
    let url = StreamConfig::DEFAULT_NATS_URL;
    let name = format!(
        "ingest-test-{}-{}",
        std::process::id(),
        chrono::Utc::now().timestamp_millis()
    );
    let stream = match open_stream(&name, &StreamConfig::nats(url)).await {
        Ok(stream) => stream,
        Err(e) => {
            assert!(!services_required(), "NATS at {url} is required: {e}");
            eprintln!("skipped: NATS at {url} is not reachable: {e}");
            return;
        }
    };
    let dir = tempfile::tempdir().unwrap();
    let lake = lake(dir.path());
    put(stream.as_ref(), &[event(1, 2), "oops".into(), event(2, 3)]).await;
    let summary = deliver(&lake, &ingestion(), stream).await;
    assert_eq!((summary.delivered, summary.rejected), (2, 1));
    let reopened = open_stream(&name, &StreamConfig::nats(url)).await.unwrap();
    a_rerun_delivers_just_a_new_event(&lake, reopened, 3).await;
    assert_eq!(
        rows(
            &lake,
            "SELECT event_id FROM bronze.clickstream ORDER BY event_id"
        )
        .await,
        ["1", "2", "3"]
    );
}

#[tokio::test]
async fn kinesis_streams_deliver_every_shard_exactly_once() {
    let Some(moto) = moto() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let lake = lake(dir.path());
    let name = unique_name("delivery");
    let config = StreamConfig {
        shard_count: 2,
        retention: None,
        ..StreamConfig::kinesis(dir.path(), None)
    };
    let open = async || {
        let stream = KinesisStream::open_with(&name, &config, client_config(&moto.endpoint));
        let boxed: Box<dyn Stream> = Box::new(stream.await.unwrap());
        boxed
    };
    // Forty visitors' events spread over both shards by key, and one record that is not JSON.
    let stream = open().await;
    let mut records: Vec<NewRecord> = (1..=40)
        .map(|id| NewRecord::new(format!("visitor-{id}"), event(id, (id % 24) as u32)))
        .collect();
    records.push(NewRecord::new("visitor-1", "oops"));
    stream.append_batch(records).await.unwrap();
    let summary = deliver(&lake, &ingestion(), stream).await;
    assert_eq!((summary.delivered, summary.rejected), (40, 1));
    let positions = dir
        .path()
        .join("lake/shop-bronze/_lakeforge/streaming/c360-clickstream");
    for shard in ["shardId-000000000000", "shardId-000000000001"] {
        assert!(positions.join(format!("{shard}.json")).is_file(), "{shard}");
    }

    a_rerun_delivers_just_a_new_event(&lake, open().await, 41).await;
    assert_eq!(
        rows(
            &lake,
            "SELECT count(*), count(DISTINCT event_id), max(event_id) FROM bronze.clickstream"
        )
        .await,
        ["41|41|41"]
    );
}

/// Appends event `id` to `reopened` (a stream delivered before) and checks that a new run
/// delivers that one record only.
async fn a_rerun_delivers_just_a_new_event(lake: &Lake, reopened: Box<dyn Stream>, id: u64) {
    put(reopened.as_ref(), &[event(id, 4)]).await;
    let summary = deliver(lake, &ingestion(), reopened).await;
    assert_eq!((summary.records, summary.delivered), (1, 1));
}
