//! `open_stream`: the backend chosen by the config.

#[cfg(not(feature = "kinesis"))]
use lakeforge_stream::StreamBackend;
use lakeforge_stream::{EmbeddedStream, NewRecord, StreamConfig, StreamError, open_stream};

use crate::support::{embedded_config, payloads, read_all};

#[tokio::test]
async fn embedded_is_opened_under_the_project_root() {
    let dir = tempfile::tempdir().expect("temp dir");
    let stream = open_stream("clicks", &embedded_config(dir.path()))
        .await
        .expect("open");
    assert_eq!(stream.name(), "clicks");
    stream
        .append(NewRecord::new("k", "v"))
        .await
        .expect("append");
    assert!(EmbeddedStream::folder(dir.path(), "clicks").is_dir());
    assert_eq!(payloads(&read_all(stream.as_ref()).await), ["v"]);
}

#[cfg(not(feature = "kinesis"))]
#[tokio::test]
async fn kinesis_without_its_feature_is_reported_as_not_built_in() {
    let config = StreamConfig {
        backend: StreamBackend::Kinesis,
        ..StreamConfig::embedded(".")
    };
    let err = open_stream("clicks", &config)
        .await
        .err()
        .expect("unsupported");
    assert!(
        matches!(
            err,
            StreamError::Unsupported {
                backend: "kinesis",
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("`kinesis` feature"), "{err}");
}

#[tokio::test]
async fn an_unreachable_nats_server_is_a_clear_error() {
    // Nothing listens on port 1 of the loopback address.
    let err = open_stream("clicks", &StreamConfig::nats("nats://127.0.0.1:1"))
        .await
        .err()
        .expect("no server");
    assert!(matches!(err, StreamError::Nats { .. }), "{err}");
    assert!(err.to_string().contains("nats://127.0.0.1:1"), "{err}");
}

#[tokio::test]
async fn nats_refuses_several_shards_before_connecting() {
    // Port 1: the refusal must come before any connection attempt.
    let config = StreamConfig {
        shard_count: 4,
        ..StreamConfig::nats("nats://127.0.0.1:1")
    };
    let err = open_stream("clicks", &config).await.err().expect("refused");
    assert!(matches!(err, StreamError::Config { .. }), "{err}");
    assert!(err.to_string().contains("shard_count = 1"), "{err}");
}
