//! The NATS JetStream backend against the server at 127.0.0.1:4222: the
//! shared conformance checks, persistence across reconnects, and the mapping
//! onto JetStream. Without a server these tests print `skipped: <reason>`,
//! unless LAKEFORGE_REQUIRE_SERVICES=1, which makes them fail.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use async_nats::jetstream::{self, stream::StorageType};
use futures::{FutureExt, StreamExt};
use lakeforge_stream::{NatsStream, Sequence, ShardId, Stream, StreamConfig};

use crate::conformance::conformance_tests;
use crate::support::{numbered, payloads, read_all, sequences};

const URL: &str = "nats://127.0.0.1:4222";

/// A JetStream context on the test server, or `None` after printing why the
/// test is skipped (a failure instead when services are required).
async fn server() -> Option<jetstream::Context> {
    let reason = match tokio::time::timeout(Duration::from_secs(5), async_nats::connect(URL)).await
    {
        Ok(Ok(client)) => {
            let context = jetstream::new(client);
            // A JetStream call that works on every server version (async-nats
            // cannot parse the account info of servers before 2.10).
            match context.stream_names().next().await.transpose() {
                Ok(_) => return Some(context),
                Err(e) => format!("the NATS server at {URL} has no JetStream: {e}"),
            }
        }
        Ok(Err(e)) => format!("no NATS server at {URL}: {e}"),
        Err(_) => format!("the NATS server at {URL} did not answer within 5 s"),
    };
    assert!(
        std::env::var("LAKEFORGE_REQUIRE_SERVICES").as_deref() != Ok("1"),
        "{reason} (and LAKEFORGE_REQUIRE_SERVICES=1)"
    );
    println!("skipped: {reason}");
    None
}

/// A stream name no other test run uses.
fn unique_name(label: &str) -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock")
        .subsec_nanos();
    format!("it-{label}-{}-{nanos}", std::process::id())
}

fn config(retention: Option<Duration>) -> StreamConfig {
    StreamConfig {
        retention,
        ..StreamConfig::nats(URL)
    }
}

/// Runs `test` with a fresh stream name, then deletes the stream and its
/// checkpoint bucket, even if the test failed.
async fn with_fresh_stream<F, Fut>(label: &str, test: F)
where
    F: FnOnce(String) -> Fut,
    Fut: Future<Output = ()>,
{
    let Some(context) = server().await else {
        return;
    };
    let name = unique_name(label);
    let outcome = AssertUnwindSafe(test(name.clone())).catch_unwind().await;
    // Cleanup is best effort: a stream that was never created is fine.
    let _ = context.delete_stream(format!("lakeforge-{name}")).await;
    let _ = context
        .delete_key_value(format!("lakeforge-checkpoints-{name}"))
        .await;
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

async fn run<F, Fut>(check: F)
where
    F: FnOnce(Arc<dyn Stream>) -> Fut,
    Fut: Future<Output = ()>,
{
    with_fresh_stream("conf", async |name| {
        let stream = NatsStream::connect(&name, &config(None))
            .await
            .expect("connect");
        check(Arc::new(stream)).await;
    })
    .await;
}

conformance_tests!(run, crate::conformance::Numbering::Consecutive);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn records_and_checkpoints_survive_a_reconnect() {
    with_fresh_stream("reconnect", async |name| {
        let shard = ShardId::single();
        {
            let stream = NatsStream::connect(&name, &config(None))
                .await
                .expect("connect");
            stream
                .append_batch(numbered("n", 0..25))
                .await
                .expect("append");
            stream
                .commit("a", &shard, &Sequence::from(10))
                .await
                .expect("commit");
            stream
                .commit("b", &shard, &Sequence::from(25))
                .await
                .expect("commit");
        }
        let stream = NatsStream::connect(&name, &config(None))
            .await
            .expect("reconnect");
        let records = read_all(&stream).await;
        assert_eq!(sequences(&records), (1..=25).collect::<Vec<_>>());
        let expected: Vec<String> = (0..25).map(|i| format!("n-{i}")).collect();
        assert_eq!(payloads(&records), expected);
        assert_eq!(
            stream.checkpoint("a", &shard).await.expect("ckpt"),
            Some(Sequence::from(10))
        );
        assert_eq!(
            stream.checkpoint("b", &shard).await.expect("ckpt"),
            Some(Sequence::from(25))
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_stream_maps_onto_the_documented_jetstream_stream() {
    let Some(context) = server().await else {
        return;
    };
    with_fresh_stream("mapping", async |name| {
        let two_hours = Duration::from_secs(7200);
        NatsStream::connect(&name, &config(Some(two_hours)))
            .await
            .expect("connect");
        let info = context
            .get_stream(format!("lakeforge-{name}"))
            .await
            .expect("JetStream stream exists")
            .cached_info()
            .clone();
        assert_eq!(info.config.subjects, [format!("lakeforge.{name}")]);
        assert_eq!(info.config.max_age, two_hours);
        assert_eq!(info.config.storage, StorageType::File);

        // Reopening with another retention updates the stream.
        NatsStream::connect(&name, &config(None))
            .await
            .expect("reconnect");
        let info = context
            .get_stream(format!("lakeforge-{name}"))
            .await
            .expect("stream")
            .cached_info()
            .clone();
        assert_eq!(
            info.config.max_age,
            Duration::ZERO,
            "no retention: keep forever"
        );
        context
            .get_key_value(format!("lakeforge-checkpoints-{name}"))
            .await
            .expect("checkpoint bucket exists");
    })
    .await;
}
