//! The plain files and the stream: layout, clickstream fields, round trip.

use std::collections::BTreeMap;
use std::path::Path;

use lakeforge_sim::{FilesSink, Simulation, Sink, StreamSink};
use lakeforge_stream::{FsyncPolicy, StartPosition, StreamConfig, open_stream};
use serde_json::Value;

use crate::support::params;

/// The fields every clickstream event has (null when not applicable): the
/// schema the AWS target gives Firehose's Parquet conversion.
fn fields() -> impl Iterator<Item = &'static str> {
    lakeforge_spec::CLICKSTREAM_COLUMNS
        .iter()
        .map(|(name, _)| *name)
}

/// The top-level comma-separated parts of `text` (commas inside `<…>` kept).
fn split_top(text: &str) -> Vec<&str> {
    let (mut depth, mut start, mut parts) = (0, 0, Vec::new());
    for (i, c) in text.char_indices() {
        match c {
            '<' => depth += 1,
            '>' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

/// Whether JSON `value` (not null) is what Firehose reads as Glue type `ty`.
fn conforms(value: &Value, ty: &str) -> bool {
    if let Some(inner) = ty.strip_prefix("array<").and_then(|t| t.strip_suffix('>')) {
        return value
            .as_array()
            .is_some_and(|items| items.iter().all(|item| conforms(item, inner)));
    }
    if let Some(inner) = ty.strip_prefix("struct<").and_then(|t| t.strip_suffix('>')) {
        let Some(object) = value.as_object() else {
            return false;
        };
        let fields: Vec<(&str, &str)> = split_top(inner)
            .into_iter()
            .map(|field| field.split_once(':').unwrap())
            .collect();
        return object.len() == fields.len()
            && fields
                .iter()
                .all(|(name, ty)| object.get(*name).is_some_and(|v| conforms(v, ty)));
    }
    match ty {
        "bigint" => value.is_i64() || value.as_u64().is_some_and(|v| v <= i64::MAX as u64),
        "int" => value.as_i64().is_some_and(|v| i32::try_from(v).is_ok()),
        "double" => value.is_number(),
        "boolean" => value.is_boolean(),
        "string" => value.is_string(),
        // OpenX JSON SerDe's format: yyyy-MM-ddTHH:mm:ss.SSSZ.
        "timestamp" => value.as_str().is_some_and(|t| {
            t.len() == 24
                && t.ends_with('Z')
                && t.as_bytes()[10] == b'T'
                && t.as_bytes()[19] == b'.'
        }),
        other => panic!("no check for Glue type {other}"),
    }
}

/// Every file in `dir`, by name.
fn read_dir(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&path).unwrap(),
            )
        })
        .collect()
}

#[tokio::test]
async fn files_hold_clickstream_changes_and_ground_truth() {
    let dir = tempfile::tempdir().unwrap();
    let mut sinks: Vec<Box<dyn Sink>> = vec![Box::new(FilesSink::create(dir.path()).unwrap())];
    let mut simulation = Simulation::new(params(300, 7, 21)).unwrap();
    let mut days_seen = Vec::new();
    let summary = simulation
        .run(&mut sinks, |day| days_seen.push(day.days_done))
        .await
        .unwrap();
    assert_eq!(days_seen, (1..=7).collect::<Vec<_>>());

    let days = read_dir(&dir.path().join("clickstream"));
    assert_eq!(
        days.keys().next().map(String::as_str),
        Some("2026-01-01.jsonl")
    );
    assert_eq!(days.len(), 7);
    let mut last_id = 0;
    let mut kinds = BTreeMap::<String, u64>::new();
    for text in days.values() {
        for line in text.lines() {
            let event: Value = serde_json::from_str(line).unwrap();
            let object = event.as_object().unwrap();
            for field in fields() {
                assert!(object.contains_key(field), "{field} missing in {line}");
            }
            assert_eq!(object.len(), fields().count(), "no other fields: {line}");
            for (name, ty) in lakeforge_spec::CLICKSTREAM_COLUMNS {
                let value = &object[*name];
                assert!(
                    value.is_null() || conforms(value, ty),
                    "`{name}` is not a Glue {ty}: {line}"
                );
            }
            let id = event["event_id"].as_u64().unwrap();
            assert!(id > last_id, "event ids increase: {line}");
            last_id = id;
            let kind = event["event_type"].as_str().unwrap().to_owned();
            assert_eq!(event["action"], event["event_type"]);
            match kind.as_str() {
                "search" => {
                    assert!(
                        event["query"].as_str().is_some_and(|q| !q.is_empty()),
                        "{line}"
                    );
                    assert!(event["search_results"].is_array(), "{line}");
                    assert!(
                        event["url"].as_str().unwrap().starts_with("/search?q="),
                        "{line}"
                    );
                }
                "checkout" => {
                    assert!(
                        event["order_id"].is_u64() && event["cart_id"].is_u64(),
                        "{line}"
                    );
                    assert!(!event["items"].as_array().unwrap().is_empty(), "{line}");
                    assert!(
                        event["user_id"].is_u64(),
                        "only registered customers order: {line}"
                    );
                }
                "rate" => assert!(
                    (1..=5).contains(&event["rating"].as_u64().unwrap())
                        && event["review"].is_string()
                ),
                "support_chat" => assert!(event["chat"]["message"].is_string(), "{line}"),
                "add_to_cart" | "remove_from_cart" => {
                    assert!(event["product_id"].is_u64() && event["cart_id"].is_u64())
                }
                _ => {}
            }
            *kinds.entry(kind).or_default() += 1;
        }
    }
    assert_eq!(kinds.values().sum::<u64>(), summary.events);
    for kind in [
        "view",
        "search",
        "add_to_cart",
        "remove_from_cart",
        "checkout",
        "rate",
        "support_chat",
        "register",
    ] {
        assert!(kinds.contains_key(kind), "no {kind} events: {kinds:?}");
    }
    assert_eq!(kinds["checkout"], summary.orders);

    let changes = read_dir(&dir.path().join("oltp"));
    assert_eq!(changes.len(), 7, "{:?}", changes.keys());
    let ops: Vec<Value> = changes
        .values()
        .flat_map(|text| text.lines())
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let count = |op: &str| ops.iter().filter(|change| change["op"] == op).count() as u64;
    assert_eq!(
        (count("I"), count("U"), count("D")),
        (summary.inserts, summary.updates, summary.deletes)
    );

    let truth = read_dir(&dir.path().join("ground_truth"));
    let persons = &truth["persons.csv"];
    assert!(persons.starts_with("person_id,persona,churn_date,lifetime_value"));
    assert_eq!(persons.lines().count(), 301);
    assert_eq!(
        truth["customers.csv"].lines().count() as u32,
        summary.customers + 1
    );
}

#[tokio::test]
async fn the_clickstream_goes_into_the_embedded_stream() {
    let dir = tempfile::tempdir().unwrap();
    let config = StreamConfig {
        fsync: FsyncPolicy::Never,
        ..StreamConfig::embedded(dir.path())
    };
    let mut sinks: Vec<Box<dyn Sink>> =
        vec![Box::new(StreamSink::open("clicks", &config).await.unwrap())];
    let summary = Simulation::new(params(100, 3, 4))
        .unwrap()
        .run(&mut sinks, |_| {})
        .await
        .unwrap();
    drop(sinks);

    let stream = open_stream("clicks", &config).await.unwrap();
    let shard = stream.shards().await.unwrap().remove(0);
    let mut reader = stream
        .open_reader(&shard, StartPosition::Earliest)
        .await
        .unwrap();
    let mut read = 0;
    loop {
        let records = reader.read(5000).await.unwrap();
        if records.is_empty() {
            break;
        }
        for record in records {
            let event: Value = serde_json::from_slice(&record.payload).unwrap();
            assert_eq!(event["visitor_id"].as_str(), Some(record.key.as_str()));
            read += 1;
        }
    }
    assert_eq!(read, summary.events);
}
