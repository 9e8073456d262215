//! Opening the stream a spec names, with the backend the spec chooses.

use std::path::Path;
use std::time::Duration;

use lakeforge_stream::{Stream, StreamBackend, StreamConfig, StreamError, open_stream};

/// Opens `[streams.<name>]` of a spec whose folder is `spec_dir` (embedded logs live under
/// `<spec_dir>/.lakeforge/streams/`).
pub async fn open_spec_stream(
    name: &str,
    stream: &lakeforge_spec::Stream,
    spec_dir: &Path,
) -> Result<Box<dyn Stream>, StreamError> {
    let backend = stream.backend;
    let config = StreamConfig {
        backend,
        url: stream.url.clone().or_else(|| {
            (backend == StreamBackend::Nats).then(|| StreamConfig::DEFAULT_NATS_URL.to_string())
        }),
        shard_count: stream.shard_count,
        retention: Some(Duration::from_secs(
            u64::from(stream.retention_hours) * 3600,
        )),
        ..StreamConfig::embedded(spec_dir)
    };
    open_stream(name, &config).await
}
