//! Shared helpers: a lake, a stream with events, and reading back what was delivered.

use std::path::Path;

use lakeforge_ingest::streaming::{DeliveryMode, DeliverySummary, StreamingDelivery};
use lakeforge_lake::datafusion::arrow::util::display::array_value_to_string;
use lakeforge_lake::{Lake, LakeRoot};
use lakeforge_spec::{Destination, StreamingIngestion};
use lakeforge_stream::{NewRecord, Stream, StreamConfig, open_stream};

/// The lake of a temporary project `shop` (the default project).
pub fn lake(dir: &Path) -> Lake {
    let root = LakeRoot::parse("file://./lake", Some(dir)).unwrap();
    Lake::new(root, vec!["shop".into()], Some("shop".into()))
}

/// A streaming construct from stream `clicks` into `shop.bronze.clickstream`.
pub fn ingestion() -> StreamingIngestion {
    let mut destination = Destination::new("shop");
    destination.prefix = Some("clickstream".into());
    StreamingIngestion::new("clicks", destination)
}

/// An embedded stream under `dir`.
pub async fn embedded(dir: &Path) -> Box<dyn Stream> {
    open_stream("clicks", &StreamConfig::embedded(dir))
        .await
        .unwrap()
}

/// Appends JSON lines (or any bytes) as records.
pub async fn put(stream: &dyn Stream, payloads: &[String]) {
    let records = payloads
        .iter()
        .map(|p| NewRecord::new("k", p.clone().into_bytes()))
        .collect();
    stream.append_batch(records).await.unwrap();
}

/// A clickstream-like event.
pub fn event(id: u64, hour: u32) -> String {
    format!(
        r#"{{"event_id": {id}, "action": "view", "user_id": "u{}", "timestamp": "2026-03-04T{hour:02}:15:00Z", "product_id": {}}}"#,
        id % 7,
        id % 13
    )
}

/// Runs a delivery until the stream is drained.
pub async fn deliver(
    lake: &Lake,
    ingestion: &StreamingIngestion,
    stream: Box<dyn Stream>,
) -> DeliverySummary {
    StreamingDelivery::new("c360-clickstream", ingestion, lake.clone(), stream)
        .unwrap()
        .run(&DeliveryMode::UntilCaughtUp, &|_| {})
        .await
        .unwrap()
}

/// Rows of a query as `a|b` strings.
pub async fn rows(lake: &Lake, sql: &str) -> Vec<String> {
    let batches = lake.sql(sql).await.unwrap().collect().await.unwrap();
    let mut out = Vec::new();
    for batch in &batches {
        for row in 0..batch.num_rows() {
            let cells: Vec<String> = batch
                .columns()
                .iter()
                .map(|c| array_value_to_string(c.as_ref(), row).unwrap())
                .collect();
            out.push(cells.join("|"));
        }
    }
    out
}

/// The error-output objects (path relative to the zone, JSON body).
pub fn error_objects(dir: &Path) -> Vec<(String, serde_json::Value)> {
    let root = dir.join("lake/shop-bronze/clickstream-error");
    let mut out = Vec::new();
    let mut pending = vec![root.clone()];
    while let Some(folder) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let body = std::fs::read_to_string(&path).unwrap();
                let relative = path
                    .strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .to_string();
                out.push((relative, serde_json::from_str(&body).unwrap()));
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Whether tests needing a service must fail rather than skip.
pub fn services_required() -> bool {
    std::env::var("LAKEFORGE_REQUIRE_SERVICES").is_ok_and(|v| v == "1")
}
