//! The runs in the store (`lakeforge lineage runs`): one row per run id with its job, parent
//! run, state, start and end, duration, rows written and error message.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, Utc};
use serde::Serialize;

use crate::event::{EventType, Job, RunEvent};

/// Where a run stands after its events.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum RunState {
    /// Only START was seen: running a batch, or killed before it could report.
    Started,
    /// The last event is RUNNING (a streaming run's commit) and there is no end.
    Running,
    /// Ended with COMPLETE.
    Complete,
    /// Ended with FAIL.
    Fail,
    /// Ended with ABORT.
    Abort,
    /// Only events of type OTHER.
    Other,
}

impl RunState {
    /// The state as shown (`STARTED`, `RUNNING`, `COMPLETE`, `FAIL`, `ABORT`, `OTHER`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Started => "STARTED",
            Self::Running => "RUNNING",
            Self::Complete => "COMPLETE",
            Self::Fail => "FAIL",
            Self::Abort => "ABORT",
            Self::Other => "OTHER",
        }
    }
}

/// One run: a row of `lakeforge lineage runs`, and an object of its `--format json`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RunSummary {
    /// The job's namespace.
    pub job_namespace: String,
    /// The job's name.
    pub job_name: String,
    /// The run's id.
    pub run_id: String,
    /// The run this one is part of (a dbt invocation for a model run).
    pub parent_run_id: Option<String>,
    /// Where the run stands.
    pub state: RunState,
    /// When it started (the START event's time, else its first event's), as written.
    pub started_at: Option<String>,
    /// When it ended (its COMPLETE, FAIL or ABORT event's time), as written.
    pub ended_at: Option<String>,
    /// Milliseconds from start to end, once ended.
    pub duration_ms: Option<i64>,
    /// Rows written: the terminal event's output statistics, else the sum over the RUNNING
    /// events' (a streaming run's commits).
    pub rows: Option<u64>,
    /// Why it failed.
    pub error: Option<String>,
}

/// The events of one run, in store order.
pub(crate) struct RunEvents<'a> {
    job: &'a Job,
    run_id: &'a str,
    events: Vec<&'a RunEvent>,
}

impl<'a> RunEvents<'a> {
    /// The run's job.
    pub(crate) fn job(&self) -> &'a Job {
        self.job
    }

    /// The run's id.
    pub(crate) fn run_id(&self) -> &'a str {
        self.run_id
    }

    /// The run's events, in store order.
    pub(crate) fn events(&self) -> &[&'a RunEvent] {
        &self.events
    }

    /// Whether the run completed.
    pub(crate) fn completed(&self) -> bool {
        self.of_type(EventType::Complete).next().is_some()
    }

    /// Where the run stands: its end, else whether it reported progress, else started.
    pub(crate) fn state(&self) -> RunState {
        match self.ended().map(|event| event.event_type) {
            Some(EventType::Complete) => RunState::Complete,
            Some(EventType::Fail) => RunState::Fail,
            Some(_) => RunState::Abort,
            None if self.of_type(EventType::Running).next().is_some() => RunState::Running,
            None if self.of_type(EventType::Start).next().is_some() => RunState::Started,
            None => RunState::Other,
        }
    }

    fn of_type(&self, event_type: EventType) -> impl Iterator<Item = &'a RunEvent> + '_ {
        self.events
            .iter()
            .copied()
            .filter(move |event| event.event_type == event_type)
    }

    /// The START event, else the first.
    fn started(&self) -> Option<&'a RunEvent> {
        self.of_type(EventType::Start)
            .next()
            .or_else(|| self.events.first().copied())
    }

    /// The last terminal event.
    fn ended(&self) -> Option<&'a RunEvent> {
        self.events
            .iter()
            .rev()
            .copied()
            .find(|event| event.event_type.is_terminal())
    }

    fn started_time(&self) -> Option<DateTime<FixedOffset>> {
        self.started().and_then(event_time)
    }

    fn summary(&self) -> RunSummary {
        let started = self.started();
        let ended = self.ended();
        let duration_ms = started
            .and_then(event_time)
            .zip(ended.and_then(event_time))
            .map(|(start, end)| (end - start).num_milliseconds());
        RunSummary {
            job_namespace: self.job.namespace.clone(),
            job_name: self.job.name.clone(),
            run_id: self.run_id.to_string(),
            parent_run_id: self.events.iter().find_map(|event| {
                let parent = event.run.facets.parent.as_ref()?;
                Some(parent.body.run.run_id.clone())
            }),
            state: self.state(),
            started_at: started.map(|event| event.event_time.clone()),
            ended_at: ended.map(|event| event.event_time.clone()),
            duration_ms,
            rows: rows_written(ended).or_else(|| rows_written(self.of_type(EventType::Running))),
            error: self.events.iter().rev().find_map(|event| {
                let error = event.run.facets.error_message.as_ref()?;
                Some(error.body.message.clone())
            }),
        }
    }
}

/// The runs of `events`, newest start first (runs starting at the same instant: the one
/// written last first).
pub(crate) fn newest_first(events: &[RunEvent]) -> Vec<RunEvents<'_>> {
    let mut runs: Vec<RunEvents<'_>> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for event in events {
        let run_id = event.run.run_id.as_str();
        match index.get(run_id) {
            Some(&at) => runs[at].events.push(event),
            None => {
                index.insert(run_id, runs.len());
                runs.push(RunEvents {
                    job: &event.job,
                    run_id,
                    events: vec![event],
                });
            }
        }
    }
    runs.reverse();
    runs.sort_by_key(|run| std::cmp::Reverse(run.started_time()));
    runs
}

/// Every run of `events`, newest first.
pub fn list(events: &[RunEvent]) -> Vec<RunSummary> {
    newest_first(events)
        .iter()
        .map(RunEvents::summary)
        .collect()
}

/// The runs of the job named `job` (`--job`); when no job has exactly that name, the runs of
/// the jobs whose name contains it.
pub fn for_job(runs: Vec<RunSummary>, job: &str) -> Vec<RunSummary> {
    let exact = runs.iter().any(|run| run.job_name == job);
    runs.into_iter()
        .filter(|run| {
            if exact {
                run.job_name == job
            } else {
                run.job_name.contains(job)
            }
        })
        .collect()
}

/// The runs as an aligned text table, in the order given.
pub fn table(runs: &[RunSummary]) -> String {
    let header = [
        "STARTED (UTC)",
        "STATE",
        "DURATION",
        "ROWS",
        "JOB",
        "RUN",
        "PARENT",
        "ERROR",
    ]
    .map(String::from);
    let rows: Vec<[String; 8]> = std::iter::once(header)
        .chain(runs.iter().map(|run| {
            [
                run.started_at.as_deref().map_or_else(dash, utc_seconds),
                run.state.as_str().to_string(),
                run.duration_ms.map_or_else(dash, human_duration),
                run.rows.map_or_else(dash, |rows| rows.to_string()),
                run.job_name.clone(),
                run.run_id.clone(),
                run.parent_run_id.clone().unwrap_or_else(dash),
                run.error
                    .as_deref()
                    .and_then(|error| error.lines().next())
                    .unwrap_or_default()
                    .to_string(),
            ]
        }))
        .collect();
    let mut widths = [0usize; 8];
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut text = String::new();
    for row in &rows {
        let mut line = String::new();
        for (cell, width) in row.iter().zip(widths) {
            line.push_str(&format!("{cell:<width$}  "));
        }
        text.push_str(line.trim_end());
        text.push('\n');
    }
    text
}

fn dash() -> String {
    "-".to_string()
}

/// The instant of an event, if its time is RFC 3339.
fn event_time(event: &RunEvent) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(&event.event_time).ok()
}

/// `2026-12-07T10:00:00.123456+01:00` → `2026-12-07 09:00:00`; unreadable times as written.
fn utc_seconds(time: &str) -> String {
    DateTime::parse_from_rfc3339(time).map_or_else(
        |_| time.to_string(),
        |time| {
            time.with_timezone(&Utc)
                .format("%Y-%m-%d %H:%M:%S")
                .to_string()
        },
    )
}

/// `850ms`, `12.3s`, `4m05s`, `2h03m`.
fn human_duration(ms: i64) -> String {
    const MINUTE: i64 = 60_000;
    const HOUR: i64 = 60 * MINUTE;
    if ms < 1_000 {
        format!("{ms}ms")
    } else if ms < MINUTE {
        format!("{:.1}s", ms as f64 / 1_000.0)
    } else if ms < HOUR {
        format!("{}m{:02}s", ms / MINUTE, ms % MINUTE / 1_000)
    } else {
        format!("{}h{:02}m", ms / HOUR, ms % HOUR / MINUTE)
    }
}

/// The sum of the output statistics' row counts of `events`; None when none has any.
fn rows_written<'a>(events: impl IntoIterator<Item = &'a RunEvent>) -> Option<u64> {
    events
        .into_iter()
        .flat_map(|event| &event.outputs)
        .filter_map(|output| output.output_facets.output_statistics.as_ref())
        .fold(None, |sum, statistics| {
            Some(sum.unwrap_or(0) + statistics.body.row_count)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_events::retail;

    fn run<'a>(runs: &'a [RunSummary], run_id: &str) -> &'a RunSummary {
        runs.iter().find(|run| run.run_id == run_id).unwrap()
    }

    #[test]
    fn each_run_has_its_state() {
        let runs = list(&retail());
        assert_eq!(run(&runs, "cdc-1").state, RunState::Complete);
        assert_eq!(run(&runs, "apply-1").state, RunState::Fail);
        assert_eq!(run(&runs, "customers-1").state, RunState::Started);
        assert_eq!(run(&runs, "clicks-1").state, RunState::Running);
    }

    #[test]
    fn ended_runs_have_a_duration_and_running_ones_none() {
        let runs = list(&retail());
        let failed = run(&runs, "apply-1");
        assert_eq!(failed.duration_ms, Some(5_000));
        assert_eq!(failed.started_at.as_deref(), Some("2026-12-07T10:00:20Z"));
        assert_eq!(failed.ended_at.as_deref(), Some("2026-12-07T10:00:25Z"));
        assert_eq!(run(&runs, "dbt-1").duration_ms, Some(30_000));
        let killed = run(&runs, "customers-1");
        assert_eq!(
            (killed.ended_at.as_deref(), killed.duration_ms),
            (None, None)
        );
    }

    #[test]
    fn rows_come_from_the_end_or_else_the_streaming_commits() {
        let runs = list(&retail());
        assert_eq!(run(&runs, "cdc-1").rows, Some(100));
        assert_eq!(run(&runs, "model-1").rows, Some(42));
        assert_eq!(run(&runs, "clicks-1").rows, Some(12));
        assert_eq!(run(&runs, "apply-1").rows, None);
    }

    #[test]
    fn failed_runs_say_why_and_child_runs_name_their_parent() {
        let runs = list(&retail());
        assert_eq!(
            run(&runs, "apply-1").error.as_deref(),
            Some("merge failed: schema mismatch")
        );
        assert_eq!(run(&runs, "cdc-1").error, None);
        assert_eq!(
            run(&runs, "model-1").parent_run_id.as_deref(),
            Some("dbt-1")
        );
        assert_eq!(run(&runs, "dbt-1").parent_run_id, None);
    }

    #[test]
    fn runs_are_listed_newest_first() {
        let ids: Vec<String> = list(&retail()).into_iter().map(|run| run.run_id).collect();
        assert_eq!(
            ids,
            [
                "clicks-1",
                "customers-1",
                "model-1",
                "dbt-1",
                "apply-3",
                "apply-2",
                "apply-1",
                "cdc-1"
            ]
        );
    }

    #[test]
    fn the_job_filter_matches_exactly_else_by_substring() {
        let exact = for_job(list(&retail()), "apply.silver.orders");
        assert_eq!(exact.len(), 3);
        let names: Vec<String> = for_job(list(&retail()), "apply")
            .into_iter()
            .map(|run| run.job_name)
            .collect();
        assert_eq!(
            names,
            [
                "apply.silver.customers",
                "apply.silver.orders",
                "apply.silver.orders",
                "apply.silver.orders"
            ]
        );
        assert!(for_job(list(&retail()), "nope").is_empty());
    }

    #[test]
    fn the_table_is_aligned_and_shows_what_matters() {
        let text = table(&for_job(list(&retail()), "apply.silver.orders"));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4);
        assert!(lines[0].starts_with("STARTED (UTC)"));
        let state_column = lines[0].find("STATE").unwrap();
        for line in &lines[1..] {
            assert!(line.starts_with("2026-12-07 10:00:"), "{line}");
            assert!(
                line[state_column..].starts_with("FAIL")
                    || line[state_column..].starts_with("COMPLETE")
            );
        }
        assert!(lines[1].contains("5.0s") && lines[1].contains("disk full"));
        assert!(lines[2].contains("COMPLETE") && lines[2].contains(" 90 "));
        assert!(lines[3].contains("merge failed: schema mismatch"));
    }

    #[test]
    fn the_json_rows_are_flat_objects() {
        let runs = for_job(list(&retail()), "ingest.clicks");
        let json = serde_json::to_value(&runs).unwrap();
        assert_eq!(json[0]["state"], "RUNNING");
        assert_eq!(json[0]["job_namespace"], "retail");
        assert_eq!(json[0]["rows"], 12);
        assert!(json[0]["ended_at"].is_null());
    }

    #[test]
    fn durations_read_well() {
        assert_eq!(human_duration(850), "850ms");
        assert_eq!(human_duration(12_345), "12.3s");
        assert_eq!(human_duration(245_000), "4m05s");
        assert_eq!(human_duration(7_380_000), "2h03m");
    }
}
