//! The Amazon Kinesis Data Streams backend (AWS SDK for Rust).
//!
//! * Stream `name` is the Kinesis stream `name`. Opening it creates it if it
//!   is missing (`CreateStream` with [`StreamConfig::shard_count`] shards,
//!   provisioned mode) and waits until it is `ACTIVE`, as the embedded and
//!   NATS backends create theirs. An existing stream keeps the shards it has
//!   (resharding is `UpdateShardCount`'s job). A configured retention is
//!   applied to the stream, rounded up to whole hours and clamped to the
//!   24 h – 8760 h that Kinesis allows; `None` leaves the stream's as it is.
//! * Client: the endpoint is [`StreamConfig::url`] when set (a local
//!   Kinesis-compatible server), else the regional AWS endpoint; credentials
//!   and region come from the standard AWS chain (environment, profile, SSO,
//!   container and instance metadata). With an endpoint override and no
//!   region configured, `us-east-1` is used. [`KinesisStream::open_with`]
//!   takes a ready client configuration instead.
//! * Shards are the service's (`shardId-000000000000`, …, closed parents
//!   included while they hold records), listed with `ListShards`. Kinesis puts
//!   a record in the shard whose hash-key range holds MD5(partition key); the
//!   embedded backend splits keys the same way.
//! * Sequences are Kinesis sequence numbers: increasing within a shard, but
//!   not consecutive, and too large for a `u64` ([`Sequence`] holds them).
//! * Appends use `PutRecords`, in requests of at most 500 records and 5 MiB
//!   (partition keys and data), sent one after the other. Entries that
//!   Kinesis refuses (throughput exceeded, internal failure) are retried alone,
//!   with exponential backoff, up to `MAX_PUT_ATTEMPTS` times. Ordering: a
//!   request's accepted records are stored in request order, and the next
//!   request is only sent when the previous one is stored whole; but when
//!   some entries of a request are refused, their retry lands *after* the
//!   entries of that request that were accepted, so a record can overtake an
//!   earlier one with the same key. That is inherent in `PutRecords` (only
//!   one-record `PutRecord` calls with `SequenceNumberForOrdering` are strict,
//!   at a fraction of the throughput); per-key order holds whenever no entry
//!   is refused. On error, part of the batch may be stored (at-least-once).
//! * A reader walks a shard iterator (`TRIM_HORIZON`, `LATEST` or
//!   `AFTER_SEQUENCE_NUMBER`) with `GetRecords`, renews it when it expires,
//!   and `tail` polls every 250 ms (Kinesis allows 5 reads per second per shard).
//! * Checkpoints: Kinesis has none, so they are small files under the
//!   project's `.lakeforge/kinesis/<name>/` (module `checkpoints`). A commit
//!   first checks, with one `GetShardIterator` + `GetRecords` pair, that the
//!   shard holds a record with that sequence (a checkpoint past the end would
//!   make the consumer skip records).
//! * Errors are [`StreamError::Kinesis`] with a [`crate::KinesisErrorKind`]
//!   (not found, throttled, credentials, unreachable, …) that says how to fix it.

mod checkpoints;
mod error;
mod reader;

use std::sync::{Arc, PoisonError, RwLock};
use std::time::Duration;

use async_trait::async_trait;
use aws_sdk_kinesis::Client;
use aws_sdk_kinesis::config::{BehaviorVersion, Region};
use aws_sdk_kinesis::primitives::Blob;
use aws_sdk_kinesis::types::{PutRecordsRequestEntry, ShardIteratorType, StreamStatus};
use tokio::time::Instant;
use tracing::{info, warn};

use self::checkpoints::Checkpoints;
use self::error::{error_code, kinesis_error};
use self::reader::KinesisReader;
use crate::config::StreamConfig;
use crate::embedded::blocking;
use crate::error::{KinesisErrorKind, StreamError};
use crate::record::{Appended, NewRecord, StartPosition};
use crate::sequence::{Sequence, ShardId};
use crate::stream::{Stream, StreamReader};
use crate::validate;

/// Most records in one PutRecords request.
const MAX_PUT_RECORDS: usize = 500;
/// Most bytes (partition keys plus data) in one PutRecords request.
const MAX_PUT_BYTES: usize = 5 << 20;
/// Attempts at storing a refused PutRecords entry.
const MAX_PUT_ATTEMPTS: u32 = 10;
/// First pause before retrying refused entries; doubles up to `MAX_BACKOFF`.
const FIRST_BACKOFF: Duration = Duration::from_millis(50);
const MAX_BACKOFF: Duration = Duration::from_secs(2);
/// How long opening waits for a new stream to become ACTIVE.
const ACTIVE_TIMEOUT: Duration = Duration::from_secs(300);
/// Retention bounds of Kinesis, in hours.
const RETENTION_HOURS: (i32, i32) = (24, 8760);
/// Region used with an endpoint override when none is configured.
const LOCAL_REGION: &str = "us-east-1";

/// A stream stored in Amazon Kinesis Data Streams (see the module docs).
pub struct KinesisStream {
    name: String,
    client: Client,
    /// The shards as last listed.
    shards: RwLock<Vec<ShardId>>,
    checkpoints: Arc<Checkpoints>,
}

impl std::fmt::Debug for KinesisStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KinesisStream")
            .field("name", &self.name)
            .field("checkpoints", &self.checkpoints.dir())
            .finish_non_exhaustive()
    }
}

impl KinesisStream {
    /// Opens (creating if missing, see the module docs) the Kinesis stream
    /// `name`, with the standard AWS credential and region chain and
    /// `config.url` as the endpoint override.
    pub async fn open(name: &str, config: &StreamConfig) -> Result<Self, StreamError> {
        validate::name("stream", name)?;
        let sdk = aws_config::defaults(BehaviorVersion::latest()).load().await;
        let mut builder = aws_sdk_kinesis::config::Builder::from(&sdk);
        if let Some(url) = &config.url {
            builder = builder.endpoint_url(url);
            if sdk.region().is_none() {
                builder = builder.region(Region::new(LOCAL_REGION));
            }
        } else if sdk.region().is_none() {
            return Err(StreamError::Config {
                stream: name.to_owned(),
                problem: "no AWS region is configured for the Kinesis backend".to_owned(),
                fix: "set AWS_REGION (or region in ~/.aws/config), or set `url` to the endpoint \
                      of a local Kinesis-compatible server"
                    .to_owned(),
            });
        }
        Self::open_with(name, config, builder.build()).await
    }

    /// Opens the Kinesis stream `name` with a ready client configuration
    /// (credentials, region and endpoint set by the caller, e.g. a test or
    /// an application that already has an `SdkConfig`); `config.url` is
    /// ignored, the other settings apply as in [`KinesisStream::open`].
    pub async fn open_with(
        name: &str,
        config: &StreamConfig,
        client_config: aws_sdk_kinesis::Config,
    ) -> Result<Self, StreamError> {
        validate::name("stream", name)?;
        if config.shard_count == 0 {
            return Err(StreamError::Config {
                stream: name.to_owned(),
                problem: "shard_count is 0".to_owned(),
                fix: "a Kinesis stream needs at least one shard: set shard_count = 1 or more"
                    .to_owned(),
            });
        }
        let stream = KinesisStream {
            name: name.to_owned(),
            client: Client::from_conf(client_config),
            shards: RwLock::new(Vec::new()),
            checkpoints: Arc::new(Checkpoints::new(&config.root, name)),
        };
        let retention_hours = stream.ensure_active(config.shard_count).await?;
        if let Some(retention) = config.retention {
            stream.apply_retention(retention, retention_hours).await?;
        }
        let shards = stream.list_shards().await?;
        if shards.len() != config.shard_count as usize {
            info!(
                stream = name,
                shards = shards.len(),
                shard_count = config.shard_count,
                "the Kinesis stream exists with another shard count; using its shards"
            );
        }
        info!(
            stream = name,
            shards = shards.len(),
            "opened Kinesis stream"
        );
        Ok(stream)
    }

    /// Waits until the stream is ACTIVE (or UPDATING), creating it with
    /// `shard_count` shards if missing. Returns its retention in hours.
    async fn ensure_active(&self, shard_count: u32) -> Result<i32, StreamError> {
        let deadline = Instant::now() + ACTIVE_TIMEOUT;
        let mut pause = Duration::from_millis(100);
        let mut created = false;
        loop {
            let described = self
                .client
                .describe_stream_summary()
                .stream_name(&self.name)
                .send()
                .await;
            match described {
                Ok(output) => {
                    let summary = output.stream_description_summary();
                    let status = summary.map(|s| s.stream_status().clone());
                    match status {
                        Some(StreamStatus::Active | StreamStatus::Updating) => {
                            return Ok(summary.map_or(24, |s| s.retention_period_hours()));
                        }
                        Some(StreamStatus::Deleting) => {
                            return Err(self
                                .not_ready("it is being deleted; open it again once it is gone"));
                        }
                        _ => {}
                    }
                }
                Err(err) if error_code(&err) == Some("ResourceNotFoundException") && !created => {
                    let count = i32::try_from(shard_count).unwrap_or(i32::MAX);
                    match self
                        .client
                        .create_stream()
                        .stream_name(&self.name)
                        .shard_count(count)
                        .send()
                        .await
                    {
                        Ok(_) => {
                            info!(stream = %self.name, shards = shard_count, "created Kinesis stream")
                        }
                        // Created by someone else meanwhile: wait for it as well.
                        Err(err) if error_code(&err) == Some("ResourceInUseException") => {}
                        Err(err) => {
                            return Err(kinesis_error(
                                &self.name,
                                format!(
                                    "create the stream with {shard_count} shard(s) (CreateStream)"
                                ),
                                err,
                            ));
                        }
                    }
                    created = true;
                    continue;
                }
                Err(err) => {
                    return Err(kinesis_error(
                        &self.name,
                        "describe the stream (DescribeStreamSummary)",
                        err,
                    ));
                }
            }
            if Instant::now() >= deadline {
                return Err(self.not_ready(&format!(
                    "it did not become ACTIVE within {} s",
                    ACTIVE_TIMEOUT.as_secs()
                )));
            }
            tokio::time::sleep(pause).await;
            pause = (pause * 2).min(Duration::from_secs(2));
        }
    }

    fn not_ready(&self, detail: &str) -> StreamError {
        StreamError::Kinesis {
            stream: self.name.clone(),
            action: "open the stream".to_owned(),
            kind: KinesisErrorKind::NotReady,
            detail: detail.to_owned(),
        }
    }

    /// Sets the stream's retention to `retention` (whole hours, within the
    /// bounds of Kinesis) if it differs from `current` hours.
    async fn apply_retention(&self, retention: Duration, current: i32) -> Result<(), StreamError> {
        let wanted = i32::try_from(retention.as_secs().div_ceil(3600)).unwrap_or(i32::MAX);
        let hours = wanted.clamp(RETENTION_HOURS.0, RETENTION_HOURS.1);
        if hours != wanted {
            warn!(
                stream = %self.name,
                requested_hours = wanted,
                hours,
                "Kinesis keeps records from 24 to 8760 hours; using the nearest"
            );
        }
        if hours == current {
            return Ok(());
        }
        let action = format!("change the retention from {current} to {hours} hours");
        if hours > current {
            self.client
                .increase_stream_retention_period()
                .stream_name(&self.name)
                .retention_period_hours(hours)
                .send()
                .await
                .map(|_| ())
                .map_err(|e| kinesis_error(&self.name, action, e))
        } else {
            self.client
                .decrease_stream_retention_period()
                .stream_name(&self.name)
                .retention_period_hours(hours)
                .send()
                .await
                .map(|_| ())
                .map_err(|e| kinesis_error(&self.name, action, e))
        }
    }

    /// Lists the shards (all pages) and remembers them.
    async fn list_shards(&self) -> Result<Vec<ShardId>, StreamError> {
        let mut shards = Vec::new();
        let mut next_token: Option<String> = None;
        loop {
            // ListShards takes either the stream name or a continuation token.
            let request = match &next_token {
                Some(token) => self.client.list_shards().next_token(token),
                None => self.client.list_shards().stream_name(&self.name),
            };
            let page = request
                .send()
                .await
                .map_err(|e| kinesis_error(&self.name, "list the shards (ListShards)", e))?;
            shards.extend(page.shards().iter().map(|s| ShardId::new(s.shard_id())));
            match page.next_token() {
                Some(token) => next_token = Some(token.to_owned()),
                None => break,
            }
        }
        shards.sort();
        *self.shards.write().unwrap_or_else(PoisonError::into_inner) = shards.clone();
        Ok(shards)
    }

    /// Checks that `shard` is one of the stream's (listing again if it is
    /// not among those last listed: the stream may have been resharded).
    async fn require_shard(&self, shard: &ShardId) -> Result<(), StreamError> {
        let known = self
            .shards
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .contains(shard);
        if known || self.list_shards().await?.contains(shard) {
            Ok(())
        } else {
            Err(StreamError::UnknownShard {
                stream: self.name.clone(),
                shard: shard.to_string(),
            })
        }
    }

    /// Stores one request's worth of records, retrying refused entries.
    async fn put_chunk(&self, records: Vec<NewRecord>) -> Result<Vec<Appended>, StreamError> {
        let entries = records
            .into_iter()
            .map(|record| {
                PutRecordsRequestEntry::builder()
                    .partition_key(record.key)
                    .data(Blob::new(Vec::from(record.payload)))
                    .build()
                    .map_err(|e| StreamError::InvalidRecord {
                        reason: format!("could not build a Kinesis record: {e}"),
                    })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut appended: Vec<Option<Appended>> = vec![None; entries.len()];
        let mut pending: Vec<usize> = (0..entries.len()).collect();
        let mut pause = FIRST_BACKOFF;
        for attempt in 1..=MAX_PUT_ATTEMPTS {
            let request: Vec<PutRecordsRequestEntry> =
                pending.iter().map(|&i| entries[i].clone()).collect();
            let output = self
                .client
                .put_records()
                .stream_name(&self.name)
                .set_records(Some(request))
                .send()
                .await
                .map_err(|e| kinesis_error(&self.name, "append records (PutRecords)", e))?;
            let mut refused = Vec::new();
            let mut last_refusal = None;
            for (&index, result) in pending.iter().zip(output.records()) {
                match (
                    result.error_code(),
                    result.sequence_number(),
                    result.shard_id(),
                ) {
                    (None, Some(sequence), Some(shard)) => {
                        let sequence = sequence.parse::<Sequence>().map_err(|_| {
                            StreamError::InvalidSequence {
                                value: sequence.to_owned(),
                                reason: "Kinesis returned it for an appended record, but it is \
                                         not a decimal number"
                                    .to_owned(),
                            }
                        })?;
                        appended[index] = Some(Appended {
                            shard: ShardId::new(shard),
                            sequence,
                        });
                    }
                    (code, _, _) => {
                        refused.push(index);
                        last_refusal = Some((
                            code.unwrap_or("no sequence number").to_owned(),
                            result.error_message().unwrap_or_default().to_owned(),
                        ));
                    }
                }
            }
            // A response shorter than the request leaves the rest unconfirmed.
            refused.extend(pending.iter().skip(output.records().len()).copied());
            if refused.is_empty() {
                return Ok(appended
                    .into_iter()
                    .map(|a| a.expect("every entry stored"))
                    .collect());
            }
            if attempt == MAX_PUT_ATTEMPTS {
                let (code, message) =
                    last_refusal.unwrap_or_else(|| ("a short response".to_owned(), String::new()));
                return Err(StreamError::Kinesis {
                    stream: self.name.clone(),
                    action: "append records (PutRecords)".to_owned(),
                    kind: error::kind_of_code(&code),
                    detail: format!(
                        "{} of {} records were still refused after {MAX_PUT_ATTEMPTS} attempts \
                         ({code}: {message}); the others were stored",
                        refused.len(),
                        entries.len()
                    ),
                });
            }
            warn!(
                stream = %self.name,
                refused = refused.len(),
                attempt,
                "Kinesis refused some records; retrying them"
            );
            tokio::time::sleep(pause).await;
            pause = (pause * 2).min(MAX_BACKOFF);
            pending = refused;
        }
        unreachable!("the last attempt returns")
    }

    /// Checks that `shard` holds a record with `sequence`.
    async fn require_record(
        &self,
        shard: &ShardId,
        sequence: &Sequence,
    ) -> Result<(), StreamError> {
        let not_found = |reason: String| StreamError::InvalidSequence {
            value: sequence.to_string(),
            reason,
        };
        let iterator = match self
            .client
            .get_shard_iterator()
            .stream_name(&self.name)
            .shard_id(shard.as_str())
            .shard_iterator_type(ShardIteratorType::AtSequenceNumber)
            .starting_sequence_number(sequence.to_string())
            .send()
            .await
        {
            Ok(output) => output.shard_iterator().map(str::to_owned),
            Err(err) if error_code(&err) == Some("InvalidArgumentException") => {
                return Err(not_found(format!(
                    "shard {shard} of Kinesis stream {:?} does not accept it ({}); commit a \
                     sequence you have read from that shard",
                    self.name,
                    aws_sdk_kinesis::error::DisplayErrorContext(&err)
                )));
            }
            Err(err) => {
                return Err(kinesis_error(
                    &self.name,
                    "check the sequence to commit (GetShardIterator)",
                    err,
                ));
            }
        };
        let first = match iterator {
            Some(iterator) => self
                .client
                .get_records()
                .shard_iterator(iterator)
                .limit(1)
                .send()
                .await
                .map_err(|e| {
                    kinesis_error(&self.name, "check the sequence to commit (GetRecords)", e)
                })?
                .records()
                .first()
                .map(|r| r.sequence_number().to_owned()),
            None => None,
        };
        if first.as_deref() == Some(sequence.to_string().as_str())
            || first.and_then(|s| s.parse::<Sequence>().ok()).as_ref() == Some(sequence)
        {
            return Ok(());
        }
        Err(not_found(format!(
            "shard {shard} of Kinesis stream {:?} has no record with this sequence (past its end, \
             or expired); commit a sequence you have read",
            self.name
        )))
    }
}

#[async_trait]
impl Stream for KinesisStream {
    fn name(&self) -> &str {
        &self.name
    }

    async fn shards(&self) -> Result<Vec<ShardId>, StreamError> {
        self.list_shards().await
    }

    async fn append_batch(&self, records: Vec<NewRecord>) -> Result<Vec<Appended>, StreamError> {
        records.iter().try_for_each(validate::record)?;
        let mut appended = Vec::with_capacity(records.len());
        let mut chunk = Vec::new();
        let mut chunk_bytes = 0;
        for record in records {
            let size = record.key.len() + record.payload.len();
            if !chunk.is_empty()
                && (chunk.len() == MAX_PUT_RECORDS || chunk_bytes + size > MAX_PUT_BYTES)
            {
                appended.extend(self.put_chunk(std::mem::take(&mut chunk)).await?);
                chunk_bytes = 0;
            }
            chunk_bytes += size;
            chunk.push(record);
        }
        if !chunk.is_empty() {
            appended.extend(self.put_chunk(chunk).await?);
        }
        Ok(appended)
    }

    async fn open_reader(
        &self,
        shard: &ShardId,
        from: StartPosition,
    ) -> Result<Box<dyn StreamReader>, StreamError> {
        self.require_shard(shard).await?;
        let reader =
            KinesisReader::open(self.client.clone(), &self.name, shard.clone(), from).await?;
        Ok(Box::new(reader))
    }

    async fn commit(
        &self,
        consumer: &str,
        shard: &ShardId,
        sequence: &Sequence,
    ) -> Result<(), StreamError> {
        validate::name("consumer", consumer)?;
        self.require_shard(shard).await?;
        self.require_record(shard, sequence).await?;
        let checkpoints = Arc::clone(&self.checkpoints);
        let (consumer, shard, sequence) = (consumer.to_owned(), shard.clone(), sequence.clone());
        blocking(&self.name, move || {
            checkpoints.commit(&consumer, &shard, &sequence)
        })
        .await
    }

    async fn checkpoint(
        &self,
        consumer: &str,
        shard: &ShardId,
    ) -> Result<Option<Sequence>, StreamError> {
        validate::name("consumer", consumer)?;
        self.require_shard(shard).await?;
        let checkpoints = Arc::clone(&self.checkpoints);
        let (consumer, shard) = (consumer.to_owned(), shard.clone());
        blocking(&self.name, move || checkpoints.load(&consumer, &shard)).await
    }
}
