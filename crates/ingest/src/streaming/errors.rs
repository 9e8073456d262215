//! The error output: records that could not be delivered, with the reason, the original bytes
//! and the time, under `<prefix>-error/year=…/month=…/day=…/hour=…/` (by arrival hour).
//!
//! One object per record, named by shard and sequence, so delivering the same record twice
//! (after a crash) overwrites the same object: the error output is exactly once too.

use base64::Engine as _;
use lakeforge_lake::{Lake, TableRef};
use lakeforge_stream::ShardId;
use object_store::{ObjectStoreExt, PutPayload};
use serde_json::json;

use super::convert::Rejected;
use super::event_time::partition_values;

/// Appended to the destination prefix to name the error prefix (Firehose's `error/`).
pub const ERROR_SUFFIX: &str = "-error";

/// Writes rejected records next to the destination table; returns how many were written.
pub(crate) async fn write_rejected(
    lake: &Lake,
    table: &TableRef,
    shard: &ShardId,
    rejected: &[Rejected],
) -> Result<usize, object_store::Error> {
    let (store, zone) = lake.root().zone_location(&table.project, table.zone);
    for reject in rejected {
        let arrival = chrono::DateTime::from_timestamp_millis(reject.record.arrival_ms as i64)
            .unwrap_or_default();
        let [year, month, day, hour] = partition_values(arrival);
        let sequence = &reject.record.sequence;
        let file = match sequence.as_u64() {
            Some(n) => format!("{}-{n:020}.json", shard.as_str()),
            None => format!("{}-{sequence}.json", shard.as_str()),
        };
        let parts = [
            format!("{}{ERROR_SUFFIX}", table.table),
            format!("year={year}"),
            format!("month={month}"),
            format!("day={day}"),
            format!("hour={hour}"),
            file,
        ];
        let path = parts
            .iter()
            .fold(zone.clone(), |path, part| path.join(part.as_str()));
        let body = json!({
            "errorMessage": reject.reason,
            "rawData": base64::engine::general_purpose::STANDARD.encode(&reject.record.payload),
            "arrivalTimestamp": reject.record.arrival_ms,
            "key": reject.record.key,
            "shard": shard.as_str(),
            "sequence": reject.record.sequence.to_string(),
        });
        store
            .put(&path, PutPayload::from(body.to_string().into_bytes()))
            .await?;
    }
    Ok(rejected.len())
}
