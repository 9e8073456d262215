//! The Kinesis backend against a real Kinesis-compatible server: moto's
//! server, started once for this test binary on a free loopback port with
//! the Python of LAKEFORGE_PYTHON (default `python3`; `pip install -r
//! .ci/requirements.txt`). Without moto these tests print `skipped: <reason>`,
//! unless LAKEFORGE_REQUIRE_SERVICES=1, which makes them fail.
//!
//! Clients get fake static credentials and a region explicitly
//! ([`KinesisStream::open_with`]), so nothing here reads or changes the
//! process environment; the one test of the standard credential chain
//! (`open_stream`) runs in a child process with its own environment, with
//! instance metadata disabled, so no request leaves the loopback address.

use std::io::Write;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use aws_sdk_kinesis::config::{BehaviorVersion, Region};
use lakeforge_stream::testing::{Moto, client_config, moto, unique_name};
use lakeforge_stream::{
    EmbeddedStream, KinesisErrorKind, KinesisStream, MAX_RECORD_BYTES, NewRecord, ShardId,
    StartPosition, Stream, StreamConfig, StreamError, open_stream,
};

use crate::conformance::{Numbering, conformance_tests};
use crate::support::{embedded_config, numbered, payloads, read_all, read_to_end};

fn config(root: &std::path::Path, shard_count: u32) -> StreamConfig {
    StreamConfig {
        shard_count,
        retention: None,
        ..StreamConfig::kinesis(root, None)
    }
}

async fn open(moto: &Moto, name: &str, config: &StreamConfig) -> KinesisStream {
    KinesisStream::open_with(name, config, client_config(&moto.endpoint))
        .await
        .expect("open Kinesis stream")
}

async fn run_with_shards(shards: u32, check: impl AsyncFnOnce(Arc<dyn Stream>)) {
    let Some(moto) = moto() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let stream = open(&moto, &unique_name("conf"), &config(dir.path(), shards)).await;
    check(Arc::new(stream)).await;
}

async fn run(check: impl AsyncFnOnce(Arc<dyn Stream>)) {
    run_with_shards(1, check).await;
}

conformance_tests!(run, Numbering::Increasing);

mod sharded {
    use super::*;
    use crate::sharded::{SHARDS, sharded_tests};

    async fn run(check: impl AsyncFnOnce(Arc<dyn Stream>)) {
        run_with_shards(SHARDS, check).await;
    }

    sharded_tests!(run, Numbering::Increasing);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn records_and_checkpoints_survive_a_reopen_and_shards_are_kept() {
    let Some(moto) = moto() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let name = unique_name("reopen");
    let (appended, shard) = {
        let stream = open(&moto, &name, &config(dir.path(), 1)).await;
        let appended = stream
            .append_batch(numbered("n", 0..25))
            .await
            .expect("append");
        let shard = appended[0].shard.clone();
        stream
            .commit("a", &shard, &appended[9].sequence)
            .await
            .expect("commit");
        (appended, shard)
    };
    // Reopening with another shard count keeps the stream's shards.
    let stream = open(&moto, &name, &config(dir.path(), 3)).await;
    assert_eq!(
        stream.shards().await.expect("shards"),
        std::slice::from_ref(&shard)
    );
    let records = read_all(&stream).await;
    let expected: Vec<String> = (0..25).map(|i| format!("n-{i}")).collect();
    assert_eq!(payloads(&records), expected);
    assert_eq!(
        stream.checkpoint("a", &shard).await.expect("ckpt"),
        Some(appended[9].sequence.clone())
    );
    // The checkpoint is the documented file under the project folder.
    let file = dir
        .path()
        .join(".lakeforge/kinesis")
        .join(&name)
        .join(format!("a.{shard}.checkpoint"));
    assert_eq!(
        std::fs::read_to_string(file).expect("checkpoint file"),
        format!("{}\n", appended[9].sequence)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn big_batches_are_split_into_put_records_requests() {
    let Some(moto) = moto() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let stream = open(&moto, &unique_name("big"), &config(dir.path(), 2)).await;
    // 12 records at the size limit: 5 fit in a 5 MiB request.
    let big: Vec<NewRecord> = (0..12)
        .map(|i| {
            let key = format!("big-{i}");
            let filler = vec![b'a' + i as u8; MAX_RECORD_BYTES - key.len()];
            NewRecord::new(key, filler)
        })
        .collect();
    // 1200 small ones: more than the 500 records of one request.
    let small = numbered("s", 0..1200);
    let appended = stream
        .append_batch(big.iter().cloned().chain(small.clone()).collect())
        .await
        .expect("append");
    assert_eq!(appended.len(), 1212);

    let mut all = Vec::new();
    for shard in stream.shards().await.expect("shards") {
        let mut reader = stream
            .open_reader(&shard, StartPosition::Earliest)
            .await
            .expect("reader");
        all.extend(read_to_end(reader.as_mut(), 500).await);
    }
    assert_eq!(all.len(), 1212);
    for record in big {
        let got = all
            .iter()
            .find(|r| r.key == record.key)
            .expect("big record read back");
        assert_eq!(got.payload, record.payload, "{}", record.key);
    }
    let too_big = stream
        .append(NewRecord::new("k", vec![0u8; MAX_RECORD_BYTES]))
        .await
        .unwrap_err();
    assert!(
        matches!(too_big, StreamError::InvalidRecord { .. }),
        "{too_big}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn embedded_and_kinesis_put_a_key_in_the_same_shard() {
    let Some(moto) = moto() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let kinesis = open(&moto, &unique_name("same"), &config(dir.path(), 5)).await;
    let embedded = EmbeddedStream::open(
        "same",
        &StreamConfig {
            shard_count: 5,
            ..embedded_config(dir.path())
        },
    )
    .await
    .expect("embedded");
    let records: Vec<NewRecord> = (0..200)
        .map(|i| NewRecord::new(format!("customer-{i}"), "x"))
        .collect();
    let in_kinesis = kinesis.append_batch(records.clone()).await.expect("append");
    let in_embedded = embedded.append_batch(records).await.expect("append");
    for (k, e) in in_kinesis.iter().zip(&in_embedded) {
        assert_eq!(
            k.shard.as_str(),
            format!(
                "shardId-{:012}",
                e.shard.as_str().parse::<u32>().expect("index")
            )
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_retention_is_applied_within_the_bounds_of_kinesis() {
    let Some(moto) = moto() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let name = unique_name("retention");
    let client = aws_sdk_kinesis::Client::from_conf(client_config(&moto.endpoint));
    let hours = async || {
        client
            .describe_stream_summary()
            .stream_name(&name)
            .send()
            .await
            .expect("describe")
            .stream_description_summary()
            .expect("summary")
            .retention_period_hours()
    };
    for (retention_hours, expected) in [(48, 48), (1, 24), (100_000, 8760)] {
        let config = StreamConfig {
            retention: Some(Duration::from_secs(retention_hours * 3600)),
            ..config(dir.path(), 1)
        };
        open(&moto, &name, &config).await;
        assert_eq!(hours().await, expected, "retention {retention_hours} h");
    }
}

#[tokio::test]
async fn an_unreachable_endpoint_is_a_clear_error() {
    // Nothing listens on port 1 of the loopback address.
    let dir = tempfile::tempdir().expect("temp dir");
    let err = KinesisStream::open_with(
        "clicks",
        &config(dir.path(), 1),
        client_config("http://127.0.0.1:1"),
    )
    .await
    .expect_err("no server");
    let StreamError::Kinesis { kind, .. } = &err else {
        panic!("not a Kinesis error: {err}");
    };
    println!("{err}");
    assert_eq!(*kind, KinesisErrorKind::Unreachable, "{err}");
    assert!(
        err.to_string().contains("is the local server running?"),
        "{err}"
    );
}

#[tokio::test]
async fn missing_credentials_are_a_clear_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let no_credentials = aws_sdk_kinesis::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .endpoint_url("http://127.0.0.1:1")
        .build();
    let err = KinesisStream::open_with("clicks", &config(dir.path(), 1), no_credentials)
        .await
        .expect_err("no credentials");
    let StreamError::Kinesis { kind, .. } = &err else {
        panic!("not a Kinesis error: {err}");
    };
    println!("{err}");
    assert_eq!(*kind, KinesisErrorKind::Credentials, "{err}");
    assert!(err.to_string().contains("AWS_ACCESS_KEY_ID"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reading_a_missing_stream_says_not_found() {
    let Some(moto) = moto() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let name = unique_name("gone");
    let stream = open(&moto, &name, &config(dir.path(), 1)).await;
    let shard = stream.shards().await.expect("shards").remove(0);
    aws_sdk_kinesis::Client::from_conf(client_config(&moto.endpoint))
        .delete_stream()
        .stream_name(&name)
        .send()
        .await
        .expect("delete");
    let err = stream.append(NewRecord::new("k", "v")).await.unwrap_err();
    let StreamError::Kinesis { kind, .. } = &err else {
        panic!("not a Kinesis error: {err}");
    };
    println!("{err}");
    assert_eq!(*kind, KinesisErrorKind::NotFound, "{err}");
    assert!(err.to_string().contains(&name), "{err}");
    let err = stream
        .open_reader(&shard, StartPosition::Earliest)
        .await
        .err()
        .expect("gone");
    assert!(matches!(err, StreamError::Kinesis { .. }), "{err}");
}

const CHILD_ENDPOINT: &str = "LAKEFORGE_KINESIS_CHILD_ENDPOINT";
const CHILD_ROOT: &str = "LAKEFORGE_KINESIS_CHILD_ROOT";

/// `open_stream` with the Kinesis backend: `url` is the endpoint, and
/// credentials come from the standard chain (here the environment of a child
/// process; no region is set, so the endpoint override's default applies).
#[test]
fn open_stream_uses_the_url_and_the_standard_credential_chain() {
    if let (Ok(endpoint), Ok(root)) = (std::env::var(CHILD_ENDPOINT), std::env::var(CHILD_ROOT)) {
        return child(endpoint, root);
    }
    let Some(moto) = moto() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let mut command = Command::new(std::env::current_exe().expect("test binary"));
    command
        .args([
            "--exact",
            "kinesis::open_stream_uses_the_url_and_the_standard_credential_chain",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENDPOINT, &moto.endpoint)
        .env(CHILD_ROOT, dir.path())
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_CONFIG_FILE", dir.path().join("no-aws-config"))
        .env(
            "AWS_SHARED_CREDENTIALS_FILE",
            dir.path().join("no-aws-credentials"),
        );
    for unset in [
        "AWS_REGION",
        "AWS_DEFAULT_REGION",
        "AWS_PROFILE",
        "AWS_SESSION_TOKEN",
        "AWS_WEB_IDENTITY_TOKEN_FILE",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        "AWS_ENDPOINT_URL",
        "AWS_ENDPOINT_URL_KINESIS",
    ] {
        command.env_remove(unset);
    }
    let output = command.output().expect("run child");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && stdout.contains("child ok"),
        "child failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn child(endpoint: String, root: String) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let config = StreamConfig {
            shard_count: 2,
            ..StreamConfig::kinesis(&root, Some(endpoint))
        };
        let name = unique_name("factory");
        let stream = open_stream(&name, &config).await.expect("open_stream");
        assert_eq!(stream.shards().await.expect("shards").len(), 2);
        let appended = stream
            .append(NewRecord::new("k", "via the chain"))
            .await
            .expect("append");
        let mut reader = stream
            .open_reader(&appended.shard, StartPosition::Earliest)
            .await
            .expect("reader");
        assert_eq!(
            payloads(&read_to_end(reader.as_mut(), 10).await),
            ["via the chain"]
        );
        let _ = ShardId::single();
    });
    println!("child ok");
    std::io::stdout().flush().expect("flush");
}

/// A stand-in Kinesis endpoint that refuses every other entry of the first
/// PutRecords request (as Kinesis does when a shard is over its throughput),
/// and records the size of each PutRecords request. Moto never refuses
/// entries, so this is how the retry of refused entries is tested.
async fn refusing_server() -> (String, Arc<Mutex<Vec<usize>>>) {
    use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader as AsyncBufReader};

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let endpoint = format!("http://{}", listener.local_addr().expect("address"));
    let puts = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&puts);
    tokio::spawn(async move {
        let mut next_sequence = 100u64;
        while let Ok((socket, _)) = listener.accept().await {
            let mut socket = AsyncBufReader::new(socket);
            loop {
                let (mut target, mut length) = (String::new(), 0usize);
                loop {
                    let mut line = String::new();
                    if socket.read_line(&mut line).await.unwrap_or(0) == 0 {
                        break;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    let lower = line.to_ascii_lowercase();
                    if let Some(v) = lower.strip_prefix("x-amz-target:") {
                        target = v.trim().to_owned();
                    } else if let Some(v) = lower.strip_prefix("content-length:") {
                        length = v.trim().parse().unwrap_or(0);
                    }
                }
                if target.is_empty() {
                    break;
                }
                let mut body = vec![0; length];
                socket.read_exact(&mut body).await.expect("body");
                let request: serde_json::Value = serde_json::from_slice(&body).expect("json");
                let response = if target.ends_with(".describestreamsummary") {
                    serde_json::json!({"StreamDescriptionSummary": {
                        "StreamName": "s", "StreamARN": "arn:aws:kinesis:us-east-1:1:stream/s",
                        "StreamStatus": "ACTIVE", "RetentionPeriodHours": 24,
                        "StreamCreationTimestamp": 1.0, "EnhancedMonitoring": [],
                        "OpenShardCount": 1}})
                } else if target.ends_with(".listshards") {
                    serde_json::json!({"Shards": [{"ShardId": "shardId-000000000000",
                        "HashKeyRange": {"StartingHashKey": "0",
                            "EndingHashKey": "340282366920938463463374607431768211455"},
                        "SequenceNumberRange": {"StartingSequenceNumber": "1"}}]})
                } else if target.ends_with(".putrecords") {
                    let count = request["Records"].as_array().map_or(0, Vec::len);
                    let first = {
                        let mut puts = seen.lock().expect("lock");
                        puts.push(count);
                        puts.len() == 1
                    };
                    let results: Vec<serde_json::Value> = (0..count)
                        .map(|i| {
                            if first && i % 2 == 1 {
                                serde_json::json!({
                                    "ErrorCode": "ProvisionedThroughputExceededException",
                                    "ErrorMessage": "Rate exceeded for shard"})
                            } else {
                                next_sequence += 1;
                                serde_json::json!({"SequenceNumber": next_sequence.to_string(),
                                    "ShardId": "shardId-000000000000"})
                            }
                        })
                        .collect();
                    let failed = if first { count / 2 } else { 0 };
                    serde_json::json!({"FailedRecordCount": failed, "Records": results})
                } else {
                    serde_json::json!({})
                };
                let body = response.to_string();
                let reply = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\n\
                     Content-Length: {}\r\n\r\n{body}",
                    body.len()
                );
                if socket.get_mut().write_all(reply.as_bytes()).await.is_err() {
                    break;
                }
            }
        }
    });
    (endpoint, puts)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_entries_are_retried_alone() {
    let (endpoint, puts) = refusing_server().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let stream = KinesisStream::open_with("s", &config(dir.path(), 1), client_config(&endpoint))
        .await
        .expect("open");
    let appended = stream
        .append_batch(numbered("r", 0..6))
        .await
        .expect("append");
    assert_eq!(
        *puts.lock().expect("lock"),
        [6, 3],
        "the retry sends the 3 refused entries only"
    );
    let seqs: Vec<u64> = appended
        .iter()
        .map(|a| a.sequence.as_u64().expect("small"))
        .collect();
    // Entries 0, 2, 4 were stored first (101-103), the refused 1, 3, 5 on the retry.
    assert_eq!(seqs, [101, 104, 102, 105, 103, 106]);
}
