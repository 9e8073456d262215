//! `source freshness`: how old each source's newest row (its `loaded_at_field`, or else the
//! Delta table's last commit) is, against its `warn_after` / `error_after`.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use crate::artifacts::{self, Metadata};
use crate::error::Result;
use crate::executor::Executor;
use crate::invocation::exit;
use crate::log::Log;
use crate::manifest::{Manifest, Source};

/// sources.json schema.
pub const SOURCES_SCHEMA: &str = "https://schemas.getdbt.com/dbt/sources/v3.json";

/// A threshold's length in seconds (`{count: 12, period: hour}`).
fn seconds(threshold: Option<&Value>) -> Option<f64> {
    let threshold = threshold?;
    let count = threshold.get("count")?.as_f64()?;
    let unit = match threshold.get("period")?.as_str()? {
        "minute" => 60.0,
        "hour" => 3600.0,
        "day" => 86400.0,
        _ => return None,
    };
    Some(count * unit)
}

/// Checks every selected source that has a `freshness` block; exit 1 if one is over its
/// `error_after` or cannot be checked.
pub async fn run(
    executor: &Executor,
    manifest: &Manifest,
    selected: &BTreeSet<String>,
    log: &Log,
    target_dir: &Path,
    metadata: &Metadata,
) -> Result<i32> {
    let sources: Vec<&Source> = manifest
        .sources
        .values()
        .filter(|s| selected.contains(&s.unique_id) && s.freshness.is_some())
        .collect();
    let total = sources.len();
    let mut results = Vec::new();
    let mut worst = exit::SUCCESS;
    for (index, source) in sources.iter().enumerate() {
        let name = format!("{}.{}", source.source_name, source.name);
        log.progress(
            index + 1,
            total,
            &format!("START freshness of {name}"),
            "RUN",
        );
        let started = Utc::now();
        let newest = newest_load(executor, source).await;
        let freshness = source.freshness.as_ref().expect("filtered above");
        let (status, age, newest_text) = match &newest {
            Ok(Some(newest)) => {
                let age = (started - *newest).num_milliseconds() as f64 / 1000.0;
                let status = if seconds(freshness.get("error_after"))
                    .is_some_and(|limit| age > limit)
                {
                    "error"
                } else if seconds(freshness.get("warn_after")).is_some_and(|limit| age > limit) {
                    "warn"
                } else {
                    "pass"
                };
                (status, Some(age), Some(artifacts::timestamp(*newest)))
            }
            Ok(None) => ("runtime error", None, None),
            Err(e) => {
                log.error(&format!("{name}: {e}"));
                ("runtime error", None, None)
            }
        };
        let label = match status {
            "pass" => "PASS",
            "warn" => "WARN",
            "error" => "ERROR STALE",
            _ => "ERROR",
        };
        let line = crate::log::dotted(
            index + 1,
            total,
            &format!("{label} freshness of {name}"),
            label,
        );
        if status == "pass" || status == "warn" {
            log.info(&line)
        } else {
            log.error(&line)
        }
        if status == "error" || status == "runtime error" {
            worst = exit::FAILURE;
        }
        let finished = Utc::now();
        results.push(json!({
            "unique_id": source.unique_id,
            "max_loaded_at": newest_text,
            "snapshotted_at": artifacts::timestamp(started),
            "max_loaded_at_time_ago_in_s": age,
            "status": status,
            "criteria": freshness,
            "adapter_response": {},
            "timing": [{"name": "execute", "started_at": artifacts::timestamp(started), "completed_at": artifacts::timestamp(finished)}],
            "thread_id": "Thread-1 (worker)",
            "execution_time": (finished - started).num_milliseconds() as f64 / 1000.0,
        }));
    }
    let value = json!({
        "metadata": {"dbt_schema_version": SOURCES_SCHEMA, "dbt_version": artifacts::DBT_VERSION, "generated_at": artifacts::timestamp(Utc::now()), "invocation_id": metadata.invocation_id, "env": {}},
        "results": results,
        "elapsed_time": (Utc::now() - metadata.started_at).num_milliseconds() as f64 / 1000.0,
    });
    artifacts::write(&target_dir.join("sources.json"), &value)?;
    Ok(worst)
}

/// The newest `loaded_at_field` value, or the table's last Delta commit time.
async fn newest_load(executor: &Executor, source: &Source) -> Result<Option<DateTime<Utc>>> {
    match &source.loaded_at_field {
        Some(field) => {
            let sql = format!(
                "select cast(max({field}) as varchar) from {}",
                source.relation
            );
            let (schema, batches) = executor.collect(&sql).await?;
            let rows = crate::executor::rows(&schema, &batches)?;
            let text = rows
                .rows
                .first()
                .and_then(|r| r.first())
                .and_then(Value::as_str)
                .map(str::to_string);
            Ok(text.and_then(|t| parse_time(&t)))
        }
        None => {
            let table = Executor::table_ref(&source.relation)?;
            let millis = executor.lake.last_commit_millis(&table).await?;
            Ok(millis.and_then(DateTime::from_timestamp_millis))
        }
    }
}

fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .ok()
        .or_else(|| {
            chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
                .or_else(|_| chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f"))
                .ok()
                .map(|t| t.and_utc())
        })
        .or_else(|| {
            chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .map(|t| t.and_utc())
        })
}
