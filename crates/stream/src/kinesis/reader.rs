//! Readers of a Kinesis shard: a shard iterator walked with GetRecords,
//! renewed when it expires, polled by `tail`.

use std::time::Duration;

use async_trait::async_trait;
use aws_sdk_kinesis::Client;
use aws_sdk_kinesis::types::ShardIteratorType;
use bytes::Bytes;
use tokio::time::Instant;

use super::error::{error_code, kinesis_error};
use crate::error::StreamError;
use crate::record::{Record, StartPosition};
use crate::sequence::{Sequence, ShardId};
use crate::stream::StreamReader;

/// Most records one GetRecords call may return.
const MAX_GET_RECORDS: usize = 10_000;
/// How often `tail` polls a caught-up shard: Kinesis allows 5 GetRecords
/// calls per second per shard, shared by all readers of the shard.
const POLL_INTERVAL: Duration = Duration::from_millis(250);
/// Empty pages one `read` follows while Kinesis says the shard has more
/// (it may return empty pages while it walks a sparse part of the shard).
const MAX_EMPTY_PAGES: usize = 10;

/// A [`StreamReader`] over one Kinesis shard.
pub(crate) struct KinesisReader {
    client: Client,
    stream: String,
    shard: ShardId,
    /// The current shard iterator; `None` once a closed shard is read to its end.
    iterator: Option<String>,
    /// Where the iterator stands, to get a new one when it expires (after 5 minutes).
    position: StartPosition,
}

impl KinesisReader {
    /// A reader of `shard` of `stream` from `from`.
    pub(crate) async fn open(
        client: Client,
        stream: &str,
        shard: ShardId,
        from: StartPosition,
    ) -> Result<Self, StreamError> {
        let iterator = shard_iterator(&client, stream, &shard, &from).await?;
        Ok(KinesisReader {
            client,
            stream: stream.to_owned(),
            shard,
            iterator,
            position: from,
        })
    }

    /// One GetRecords call; renews an expired iterator once.
    async fn get_page(
        &mut self,
        iterator: String,
        limit: usize,
    ) -> Result<aws_sdk_kinesis::operation::get_records::GetRecordsOutput, StreamError> {
        let limit = i32::try_from(limit.min(MAX_GET_RECORDS)).unwrap_or(1);
        let first = self
            .client
            .get_records()
            .shard_iterator(iterator)
            .limit(limit)
            .send()
            .await;
        match first {
            Ok(page) => Ok(page),
            Err(err) if error_code(&err) == Some("ExpiredIteratorException") => {
                let renewed =
                    shard_iterator(&self.client, &self.stream, &self.shard, &self.position).await?;
                let Some(renewed) = renewed else {
                    return Err(StreamError::Closed {
                        stream: self.stream.clone(),
                    });
                };
                self.client
                    .get_records()
                    .shard_iterator(renewed)
                    .limit(limit)
                    .send()
                    .await
                    .map_err(|e| kinesis_error(&self.stream, "read records (GetRecords)", e))
            }
            Err(err) => Err(kinesis_error(
                &self.stream,
                format!("read records of shard {} (GetRecords)", self.shard),
                err,
            )),
        }
    }
}

/// A new shard iterator at `from`, or `None` if the shard has none (closed
/// and read to its end).
pub(crate) async fn shard_iterator(
    client: &Client,
    stream: &str,
    shard: &ShardId,
    from: &StartPosition,
) -> Result<Option<String>, StreamError> {
    let request = client
        .get_shard_iterator()
        .stream_name(stream)
        .shard_id(shard.as_str());
    let request = match from {
        StartPosition::Earliest => request.shard_iterator_type(ShardIteratorType::TrimHorizon),
        StartPosition::Latest => request.shard_iterator_type(ShardIteratorType::Latest),
        StartPosition::After(sequence) => request
            .shard_iterator_type(ShardIteratorType::AfterSequenceNumber)
            .starting_sequence_number(sequence.to_string()),
    };
    match request.send().await {
        Ok(output) => Ok(output.shard_iterator().map(str::to_owned)),
        Err(err) if error_code(&err) == Some("InvalidArgumentException") => {
            let reason = format!(
                "Kinesis does not accept it as a position in shard {shard} of stream {stream:?} ({})",
                aws_sdk_kinesis::error::DisplayErrorContext(&err)
            );
            match from {
                StartPosition::After(sequence) => Err(StreamError::InvalidSequence {
                    value: sequence.to_string(),
                    reason,
                }),
                _ => Err(kinesis_error(stream, "get a shard iterator", err)),
            }
        }
        Err(err) => Err(kinesis_error(
            stream,
            format!("start reading shard {shard} (GetShardIterator)"),
            err,
        )),
    }
}

/// A record as Kinesis returned it.
pub(crate) fn record(
    stream: &str,
    record: &aws_sdk_kinesis::types::Record,
) -> Result<Record, StreamError> {
    let sequence =
        record
            .sequence_number()
            .parse::<Sequence>()
            .map_err(|_| StreamError::InvalidSequence {
                value: record.sequence_number().to_owned(),
                reason: format!(
                    "Kinesis returned it for stream {stream:?}, but it is not a decimal number"
                ),
            })?;
    let arrival_ms = record
        .approximate_arrival_timestamp()
        .and_then(|t| t.to_millis().ok())
        .and_then(|ms| u64::try_from(ms).ok())
        .unwrap_or(0);
    Ok(Record {
        sequence,
        key: record.partition_key().unwrap_or_default().to_owned(),
        payload: Bytes::copy_from_slice(record.data().as_ref()),
        arrival_ms,
    })
}

#[async_trait]
impl StreamReader for KinesisReader {
    async fn read(&mut self, max_records: usize) -> Result<Vec<Record>, StreamError> {
        if max_records == 0 {
            return Ok(Vec::new());
        }
        for _ in 0..MAX_EMPTY_PAGES {
            let Some(iterator) = self.iterator.take() else {
                return Ok(Vec::new());
            };
            let page = match self.get_page(iterator.clone(), max_records).await {
                Ok(page) => page,
                Err(e) => {
                    self.iterator = Some(iterator);
                    return Err(e);
                }
            };
            self.iterator = page.next_shard_iterator().map(str::to_owned);
            let records = page
                .records()
                .iter()
                .map(|r| record(&self.stream, r))
                .collect::<Result<Vec<_>, _>>()?;
            if let Some(last) = records.last() {
                self.position = StartPosition::After(last.sequence.clone());
                return Ok(records);
            }
            if page.millis_behind_latest().unwrap_or(0) == 0 {
                return Ok(records);
            }
        }
        Ok(Vec::new())
    }

    async fn tail(
        &mut self,
        max_records: usize,
        timeout: Duration,
    ) -> Result<Vec<Record>, StreamError> {
        let deadline = Instant::now() + timeout;
        loop {
            let records = self.read(max_records).await?;
            let now = Instant::now();
            if !records.is_empty() || max_records == 0 || now >= deadline {
                return Ok(records);
            }
            // A closed shard read to its end gets nothing more: wait out the timeout.
            let pause = match self.iterator {
                Some(_) => POLL_INTERVAL.min(deadline - now),
                None => deadline - now,
            };
            tokio::time::sleep(pause).await;
        }
    }
}
