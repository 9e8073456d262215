//! The emitter producers call: [`Lineage::start`] a run, then [`RunHandle::running`],
//! [`RunHandle::complete`] or [`RunHandle::fail`]. Each event goes to the local store, the
//! console when asked, and the HTTP endpoint's outbox, which a background task drains.
//! Emitting never fails a job: a transport error is logged and the job goes on.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{SecondsFormat, Utc};
use tokio::sync::Notify;
use tokio::task::JoinHandle;
use tokio::time::Instant;

use crate::config::LineageConfig;
use crate::event::{EventType, InputDataset, Job, OutputDataset, PRODUCER, Run, SPEC_URL};
use crate::facets::{
    ErrorMessage, Facet, JobFacets, JobType, Parent, ParentJob, ParentRun, ProcessingEngine,
    RunFacets, Sql, schema_url,
};
use crate::http::{Outbox, Sender};
use crate::store::Store;
use crate::{LineageError, RunEvent};

/// How often the background sender retries an unreachable endpoint between events.
const RETRY_INTERVAL: Duration = Duration::from_secs(5);

/// Whether a job processes a bounded batch or a stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Processing {
    /// A bounded run.
    Batch,
    /// A streaming run.
    Streaming,
}

/// Which integration ran the job.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Integration {
    /// lakeforge itself (load, ingest, CDC, pipelines).
    Lakeforge,
    /// A dbt project run by `lakeforge dbt`.
    Dbt,
}

/// The job a run belongs to.
#[derive(Clone, Debug)]
pub struct JobSpec {
    /// The job's name in its namespace (e.g. `load.silver.orders`, `retail.gold.customers`).
    pub name: String,
    /// Batch or streaming.
    pub processing: Processing,
    /// Which integration.
    pub integration: Integration,
    /// What kind of job (`JOB`, `MODEL`, `SEED`, `SNAPSHOT`, `TEST`, `TASK`).
    pub job_type: String,
}

impl JobSpec {
    /// A batch job of lakeforge's named `name`, of type `JOB`.
    pub fn batch(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            processing: Processing::Batch,
            integration: Integration::Lakeforge,
            job_type: "JOB".to_string(),
        }
    }

    /// The same job, streaming.
    pub fn streaming(mut self) -> Self {
        self.processing = Processing::Streaming;
        self
    }

    fn facets(&self) -> JobFacets {
        let processing = match self.processing {
            Processing::Batch => "BATCH",
            Processing::Streaming => "STREAMING",
        };
        let integration = match self.integration {
            Integration::Lakeforge => "LAKEFORGE",
            Integration::Dbt => "DBT",
        };
        JobFacets {
            job_type: Some(Facet::new(
                schema_url::JOB_TYPE,
                JobType {
                    processing_type: processing.to_string(),
                    integration: integration.to_string(),
                    job_type: self.job_type.clone(),
                },
            )),
            sql: None,
        }
    }
}

/// The emitter: cheap to clone, shared by every run of a process.
#[derive(Clone)]
pub struct Lineage {
    inner: Option<Arc<Inner>>,
}

struct Inner {
    namespace: String,
    store: Store,
    console: bool,
    http: Option<Background>,
}

/// The task draining the HTTP outbox.
struct Background {
    outbox: Outbox,
    wake: Arc<Notify>,
    closing: Arc<AtomicBool>,
    deadline: Arc<Mutex<Option<Instant>>>,
    close_timeout: Duration,
    task: Mutex<Option<JoinHandle<()>>>,
}

impl std::fmt::Debug for Lineage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lineage")
            .field("enabled", &self.is_enabled())
            .field("namespace", &self.namespace())
            .finish()
    }
}

impl Lineage {
    /// An emitter with `config`. With an HTTP endpoint it starts the background sender (so it
    /// must be called inside a Tokio runtime), which first sends what earlier runs left.
    pub fn new(config: LineageConfig) -> Result<Self, LineageError> {
        if !config.enabled {
            return Ok(Self::disabled());
        }
        let store = Store::new(&config.store_dir, config.rotate_bytes);
        let http = match config.http {
            Some(endpoint) => {
                let outbox = Outbox::new(&config.store_dir, &endpoint);
                let sender = Sender::new(endpoint, outbox.clone())?;
                Some(Background::start(sender, outbox, config.close_timeout))
            }
            None => None,
        };
        Ok(Self {
            inner: Some(Arc::new(Inner {
                namespace: config.namespace,
                store,
                console: config.console,
                http,
            })),
        })
    }

    /// An emitter that emits nothing (`OPENLINEAGE_DISABLED`).
    pub fn disabled() -> Self {
        Self { inner: None }
    }

    /// Whether events are emitted.
    pub fn is_enabled(&self) -> bool {
        self.inner.is_some()
    }

    /// The namespace of this emitter's jobs.
    pub fn namespace(&self) -> &str {
        self.inner.as_ref().map_or("", |inner| &inner.namespace)
    }

    /// Starts a run of `job`, emitting START; `parent` makes it a child run.
    pub fn start(
        &self,
        job: JobSpec,
        inputs: Vec<InputDataset>,
        outputs: Vec<OutputDataset>,
        parent: Option<&RunHandle>,
    ) -> RunHandle {
        let handle = RunHandle {
            lineage: self.clone(),
            run_id: uuid::Uuid::now_v7().to_string(),
            job: Job {
                namespace: self.namespace().to_string(),
                name: job.name.clone(),
                facets: job.facets(),
            },
            parent: parent.map(|parent| {
                Facet::new(
                    schema_url::PARENT,
                    Parent {
                        run: ParentRun {
                            run_id: parent.run_id.clone(),
                        },
                        job: ParentJob {
                            namespace: parent.job.namespace.clone(),
                            name: parent.job.name.clone(),
                        },
                    },
                )
            }),
        };
        handle.emit(EventType::Start, inputs, outputs, None);
        handle
    }

    /// Writes one event to every transport; failures are logged, never returned.
    fn emit(&self, event: &RunEvent) {
        let Some(inner) = &self.inner else {
            return;
        };
        if let Err(error) = inner.store.append(event) {
            tracing::warn!(%error, "lineage: event not written to the local store");
        }
        let line = match serde_json::to_string(event) {
            Ok(line) => line,
            Err(error) => {
                tracing::warn!(%error, "lineage: event not serializable");
                return;
            }
        };
        if inner.console {
            eprintln!("{line}");
        }
        if let Some(http) = &inner.http {
            match http.outbox.push(line.as_bytes()) {
                Ok(()) => http.wake.notify_one(),
                Err(error) => tracing::warn!(%error, "lineage: event not queued for HTTP"),
            }
        }
    }

    /// Waits (at most the configured close timeout) for queued events to reach the HTTP
    /// endpoint, then stops the sender. Events still queued stay on disk for the next run.
    pub async fn close(&self) {
        let Some(http) = self.inner.as_ref().and_then(|inner| inner.http.as_ref()) else {
            return;
        };
        let task = http.task.lock().map(|mut task| task.take()).unwrap_or(None);
        let Some(task) = task else {
            return;
        };
        if let Ok(mut deadline) = http.deadline.lock() {
            *deadline = Some(Instant::now() + http.close_timeout);
        }
        http.closing.store(true, Ordering::SeqCst);
        http.wake.notify_one();
        if let Err(error) = task.await {
            tracing::warn!(%error, "lineage: HTTP sender ended abnormally");
        }
        if let Ok(left) = http.outbox.len()
            && left > 0
        {
            tracing::warn!(
                left,
                outbox = %http.outbox.dir().display(),
                "lineage: endpoint unreachable; events kept on disk and sent by the next run"
            );
        }
    }
}

impl Background {
    fn start(sender: Sender, outbox: Outbox, close_timeout: Duration) -> Self {
        let wake = Arc::new(Notify::new());
        let closing = Arc::new(AtomicBool::new(false));
        let deadline: Arc<Mutex<Option<Instant>>> = Arc::new(Mutex::new(None));
        let task = tokio::spawn(drain(
            sender,
            wake.clone(),
            closing.clone(),
            deadline.clone(),
        ));
        Self {
            outbox,
            wake,
            closing,
            deadline,
            close_timeout,
            task: Mutex::new(Some(task)),
        }
    }
}

/// The background sender: flushes whenever woken (or every [`RETRY_INTERVAL`]) until closed,
/// then once more until the close deadline.
async fn drain(
    sender: Sender,
    wake: Arc<Notify>,
    closing: Arc<AtomicBool>,
    close_deadline: Arc<Mutex<Option<Instant>>>,
) {
    loop {
        let closed = closing.load(Ordering::SeqCst);
        let round_end = Instant::now() + RETRY_INTERVAL;
        let deadline = || {
            let close = close_deadline.lock().ok().and_then(|deadline| *deadline);
            close.map_or(round_end, |close| close.min(round_end))
        };
        if let Err(error) = sender.flush(deadline).await {
            tracing::warn!(%error, "lineage: HTTP outbox unreadable");
        }
        if closed {
            return;
        }
        let close = close_deadline.lock().ok().and_then(|deadline| *deadline);
        if close.is_some_and(|close| Instant::now() >= close) {
            return;
        }
        tokio::select! {
            _ = wake.notified() => {}
            _ = tokio::time::sleep(RETRY_INTERVAL) => {}
        }
    }
}

/// A run in progress.
#[derive(Clone)]
pub struct RunHandle {
    lineage: Lineage,
    run_id: String,
    job: Job,
    parent: Option<Facet<Parent>>,
}

impl RunHandle {
    /// The run's id.
    pub fn run_id(&self) -> &str {
        &self.run_id
    }

    /// The job's name.
    pub fn job_name(&self) -> &str {
        &self.job.name
    }

    /// Sets the SQL the job ran (the `sql` job facet of the events still to come).
    pub fn set_sql(&mut self, query: &str, dialect: &str) {
        self.job.facets.sql = Some(Facet::new(
            schema_url::SQL,
            Sql {
                query: query.to_string(),
                dialect: Some(dialect.to_string()),
            },
        ));
    }

    /// Reports progress (a streaming run's commit).
    pub fn running(&self, inputs: Vec<InputDataset>, outputs: Vec<OutputDataset>) {
        self.emit(EventType::Running, inputs, outputs, None);
    }

    /// Ends the run successfully.
    pub fn complete(self, inputs: Vec<InputDataset>, outputs: Vec<OutputDataset>) {
        self.emit(EventType::Complete, inputs, outputs, None);
    }

    /// Ends the run with an error.
    pub fn fail(self, message: &str, inputs: Vec<InputDataset>, outputs: Vec<OutputDataset>) {
        let error = Facet::new(
            schema_url::ERROR_MESSAGE,
            ErrorMessage {
                message: message.to_string(),
                programming_language: "Rust".to_string(),
                stack_trace: None,
            },
        );
        self.emit(EventType::Fail, inputs, outputs, Some(error));
    }

    fn emit(
        &self,
        event_type: EventType,
        inputs: Vec<InputDataset>,
        outputs: Vec<OutputDataset>,
        error_message: Option<Facet<ErrorMessage>>,
    ) {
        if !self.lineage.is_enabled() {
            return;
        }
        let event = RunEvent {
            event_time: Utc::now().to_rfc3339_opts(SecondsFormat::Micros, true),
            producer: PRODUCER.to_string(),
            schema_url: SPEC_URL.to_string(),
            event_type,
            run: Run {
                run_id: self.run_id.clone(),
                facets: RunFacets {
                    parent: self.parent.clone(),
                    processing_engine: Some(Facet::new(
                        schema_url::PROCESSING_ENGINE,
                        ProcessingEngine::lakeforge(),
                    )),
                    error_message,
                },
            },
            job: self.job.clone(),
            inputs,
            outputs,
        };
        self.lineage.emit(&event);
    }
}
