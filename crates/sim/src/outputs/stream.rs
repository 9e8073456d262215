//! The clickstream into a lakeforge stream: one record per event, keyed by
//! the visitor id (so one visitor's events stay in order), payload the
//! event's JSON object.

use async_trait::async_trait;
use lakeforge_stream::{NewRecord, Stream, StreamConfig, open_stream};

use super::Sink;
use crate::error::SimError;
use crate::events::BatchView;
use crate::ground_truth::GroundTruth;

/// Records per append.
const APPEND_BATCH: usize = 2000;

/// Appends the clickstream to a [`Stream`].
pub struct StreamSink {
    stream: Box<dyn Stream>,
    buffer: Vec<u8>,
}

impl std::fmt::Debug for StreamSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StreamSink")
            .field("stream", &self.stream.name())
            .finish_non_exhaustive()
    }
}

impl StreamSink {
    /// A sink appending to an open stream.
    pub fn new(stream: Box<dyn Stream>) -> StreamSink {
        StreamSink {
            stream,
            buffer: Vec::new(),
        }
    }

    /// Opens (creating if missing) the stream `name` with `config`.
    pub async fn open(name: &str, config: &StreamConfig) -> Result<StreamSink, SimError> {
        let stream = open_stream(name, config)
            .await
            .map_err(|source| SimError::Stream {
                stream: name.to_owned(),
                source,
            })?;
        Ok(StreamSink::new(stream))
    }
}

#[async_trait]
impl Sink for StreamSink {
    fn describe(&self) -> String {
        format!("stream {}", self.stream.name())
    }

    async fn write(&mut self, batch: BatchView<'_>) -> Result<(), SimError> {
        for events in batch.events().chunks(APPEND_BATCH) {
            let mut records = Vec::with_capacity(events.len());
            for event in events {
                self.buffer.clear();
                batch.write_event_json(event, &mut self.buffer);
                self.buffer.pop();
                records.push(NewRecord::new(batch.visitor_id(event), self.buffer.clone()));
            }
            self.stream
                .append_batch(records)
                .await
                .map_err(|source| SimError::Stream {
                    stream: self.stream.name().to_owned(),
                    source,
                })?;
        }
        Ok(())
    }

    async fn finish(&mut self, _truth: &GroundTruth) -> Result<(), SimError> {
        Ok(())
    }
}
