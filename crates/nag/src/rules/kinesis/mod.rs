//! kinesis rules.

pub mod kinesis_data_analytics_flink_checkpointing;
pub mod kinesis_data_firehose_sse;
pub mod kinesis_data_stream_default_key_when_sse;
pub mod kinesis_data_stream_sse;

#[cfg(test)]
mod tests;
