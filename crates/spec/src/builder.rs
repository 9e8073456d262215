//! [`SpecBuilder`]: composing a spec in Rust.

use std::collections::BTreeMap;

use crate::error::{ErrorKind, SpecErrors};
use crate::model::{
    CdcIngestion, Lake, Network, PostDeployCode, Project, Provisioning, Simulator, Spec, Stream,
    StreamingIngestion, UseCases,
};
use crate::path::keys;
use crate::validate::{self, Focus, Issue, Report};

/// Builds a [`Spec`] construct by construct; [`SpecBuilder::build`] validates it.
///
/// ```
/// use lakeforge_spec::{Destination, Project, Spec, Stream, StreamingIngestion};
///
/// let spec = Spec::builder()
///     .project("retail", Project::default().has_redshift(true))
///     .stream("clickstream", Stream::default())
///     .streaming(
///         "c360-clickstream",
///         StreamingIngestion::new("clickstream", Destination::new("retail").prefix("clickstream")),
///     )
///     .build()
///     .expect("valid");
/// assert_eq!(spec.streaming["c360-clickstream"].destination.stem(), "retail-bronze");
/// ```
#[derive(Clone, Debug, Default)]
pub struct SpecBuilder {
    spec: Spec,
    repeated: Vec<(&'static str, String)>,
}

impl Spec {
    /// An empty builder (every table at its defaults, no constructs).
    pub fn builder() -> SpecBuilder {
        SpecBuilder::default()
    }
}

/// Inserts into `map`, remembering ids given twice (TOML cannot repeat a key; a builder can).
fn insert<V>(
    map: &mut BTreeMap<String, V>,
    repeated: &mut Vec<(&'static str, String)>,
    kind: &'static str,
    id: impl Into<String>,
    value: V,
) {
    let id = id.into();
    if map.contains_key(&id) {
        repeated.push((kind, id.clone()));
    }
    map.insert(id, value);
}

impl SpecBuilder {
    /// Sets `[lake]`.
    #[must_use]
    pub fn lake(mut self, lake: Lake) -> Self {
        self.spec.lake = lake;
        self
    }

    /// Sets `[network]`.
    #[must_use]
    pub fn network(mut self, network: Network) -> Self {
        self.spec.network = network;
        self
    }

    /// Adds `[streams.<name>]`.
    #[must_use]
    pub fn stream(mut self, name: impl Into<String>, stream: Stream) -> Self {
        insert(
            &mut self.spec.streams,
            &mut self.repeated,
            "streams",
            name,
            stream,
        );
        self
    }

    /// Adds `[projects.<id>]`.
    #[must_use]
    pub fn project(mut self, id: impl Into<String>, project: Project) -> Self {
        insert(
            &mut self.spec.projects,
            &mut self.repeated,
            "projects",
            id,
            project,
        );
        self
    }

    /// Adds `[streaming.<id>]`.
    #[must_use]
    pub fn streaming(mut self, id: impl Into<String>, ingestion: StreamingIngestion) -> Self {
        insert(
            &mut self.spec.streaming,
            &mut self.repeated,
            "streaming",
            id,
            ingestion,
        );
        self
    }

    /// Adds `[cdc.<id>]`.
    #[must_use]
    pub fn cdc(mut self, id: impl Into<String>, ingestion: CdcIngestion) -> Self {
        insert(&mut self.spec.cdc, &mut self.repeated, "cdc", id, ingestion);
        self
    }

    /// Adds `[post_deploy.<id>]`.
    #[must_use]
    pub fn post_deploy(mut self, id: impl Into<String>, code: PostDeployCode) -> Self {
        insert(
            &mut self.spec.post_deploy,
            &mut self.repeated,
            "post_deploy",
            id,
            code,
        );
        self
    }

    /// Sets `[simulator]`.
    #[must_use]
    pub fn simulator(mut self, simulator: Simulator) -> Self {
        self.spec.simulator = Some(simulator);
        self
    }

    /// Sets `[use_cases]`.
    #[must_use]
    pub fn use_cases(mut self, use_cases: UseCases) -> Self {
        self.spec.use_cases = Some(use_cases);
        self
    }

    /// Sets `[provisioning]`.
    #[must_use]
    pub fn provisioning(mut self, provisioning: Provisioning) -> Self {
        self.spec.provisioning = Some(provisioning);
        self
    }

    /// The spec, if valid ([`Spec::validate`]; post-deploy folders are not
    /// checked: there is no spec file to be relative to), else every problem.
    pub fn build(self) -> Result<Spec, SpecErrors> {
        let mut report = Report::default();
        for (kind, id) in &self.repeated {
            report.push(
                ErrorKind::DuplicateId,
                keys(&[kind, id]),
                Focus::Key,
                format!("[{kind}.{id}] is added twice; the last one replaced the first"),
                "give each construct its own id",
            );
        }
        report.issues.extend(validate::validate(&self.spec, None));
        if report.issues.is_empty() {
            Ok(self.spec)
        } else {
            Err(SpecErrors::new(
                report
                    .issues
                    .into_iter()
                    .map(Issue::into_builder_error)
                    .collect(),
            ))
        }
    }

    /// The spec as built so far, without validation.
    pub fn build_unchecked(self) -> Spec {
        self.spec
    }
}
