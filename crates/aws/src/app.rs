//! The app: every stack of a spec, in deployment order, wired by exports.

use std::collections::BTreeMap;
use std::path::Path;

use lakeforge_spec::{Engine, NagSuppression, Spec};

use crate::constructs::cdc::{self, Source};
use crate::constructs::project::{self, ProjectRefs};
use crate::constructs::{
    network, post_deploy, provisioning, simulator, streaming, streams, use_cases,
};
use crate::error::SynthError;
use crate::options::SynthOptions;
use crate::stack::{BuiltStack, StackBuilder};

/// Stacks under construction, named with the options' prefix.
struct Stacks<'a> {
    options: &'a SynthOptions,
    boundary: Option<&'a str>,
    /// The spec's `[[provisioning.suppressions]]`, written into the stacks they cover.
    suppressions: &'a [NagSuppression],
    built: Vec<BuiltStack>,
}

impl Stacks<'_> {
    /// `<prefix>-<what>`, with characters CloudFormation refuses replaced by `-`.
    fn name(&self, what: &str) -> String {
        let name: String = format!("{}-{what}", self.options.stack_prefix)
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '-'
                }
            })
            .take(128)
            .collect();
        name
    }

    fn start(&self, what: &str, description: &str) -> StackBuilder {
        StackBuilder::new(
            self.name(what),
            description.to_owned(),
            &self.options.qualifier,
            self.boundary,
        )
    }

    fn finish(&mut self, mut stack: StackBuilder) {
        for suppression in self.suppressions {
            if suppression.covers_stack(stack.name()) {
                stack.suppress_stack(
                    &suppression.id,
                    &suppression.reason,
                    &suppression.applies_to,
                );
            }
        }
        self.built.push(stack.build());
    }

    /// The built stacks, once every spec suppression is known to name real stacks.
    fn done(self) -> Result<Vec<BuiltStack>, SynthError> {
        for suppression in self.suppressions {
            for name in &suppression.stacks {
                if !self.built.iter().any(|stack| &stack.name == name) {
                    return Err(SynthError::UnknownStack {
                        name: name.clone(),
                        available: self
                            .built
                            .iter()
                            .map(|stack| stack.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", "),
                    });
                }
            }
        }
        Ok(self.built)
    }
}

/// Projects in an order where every project comes after those it reuses.
fn project_order(spec: &Spec) -> Result<Vec<&str>, SynthError> {
    let mut order: Vec<&str> = Vec::new();
    let mut pending: Vec<&str> = spec.projects.keys().map(String::as_str).collect();
    while !pending.is_empty() {
        let before = pending.len();
        let mut rest = Vec::new();
        for id in pending {
            let project = &spec.projects[id];
            let reused = [
                project.reuse_airflow.as_deref(),
                project.reuse_openlineage.as_deref(),
            ];
            for other in reused.into_iter().flatten() {
                if !spec.projects.contains_key(other) {
                    return Err(SynthError::UnknownProject {
                        construct: format!("[projects.{id}]"),
                        project: other.to_owned(),
                    });
                }
            }
            if reused
                .into_iter()
                .flatten()
                .all(|other| other == id || order.contains(&other))
            {
                order.push(id);
            } else {
                rest.push(id);
            }
        }
        if rest.len() == before {
            return Err(SynthError::ReuseCycle(rest.join(", ")));
        }
        pending = rest;
    }
    Ok(order)
}

fn project_refs<'a>(
    projects: &'a BTreeMap<String, ProjectRefs>,
    construct: String,
    id: &str,
) -> Result<&'a ProjectRefs, SynthError> {
    projects.get(id).ok_or_else(|| SynthError::UnknownProject {
        construct,
        project: id.to_owned(),
    })
}

/// Builds every stack of `spec`.
pub(crate) fn build(
    spec: &Spec,
    spec_dir: &Path,
    options: &SynthOptions,
) -> Result<Vec<BuiltStack>, SynthError> {
    let boundary = spec
        .provisioning
        .as_ref()
        .and_then(|p| p.permissions_boundary.as_deref());
    let suppressions = spec
        .provisioning
        .as_ref()
        .map_or(&[][..], |p| p.suppressions.as_slice());
    let mut stacks = Stacks {
        options,
        boundary,
        suppressions,
        built: Vec::new(),
    };

    let mut stack = stacks.start(
        "network",
        "lakeforge network: VPC, subnets, NAT, flow logs and the S3 access-log bucket",
    );
    let net = network::build(&mut stack, &spec.network)?;
    stacks.finish(stack);

    let mut stream_refs = BTreeMap::new();
    if !spec.streams.is_empty() {
        let mut stack = stacks.start(
            "streams",
            "lakeforge streams: encrypted Kinesis data streams",
        );
        stream_refs = streams::build(&mut stack, &spec.streams);
        stacks.finish(stack);
    }

    let mut projects = BTreeMap::new();
    for id in project_order(spec)? {
        let mut stack = stacks.start(
            &format!("project-{id}"),
            &format!(
                "lakeforge project {id}: zones, catalog, Airflow, warehouses, Spark and dbt CI/CD"
            ),
        );
        let refs = project::build(
            &mut stack,
            &project::Inputs {
                id,
                project: &spec.projects[id],
                network: &net,
                projects: &projects,
            },
        )?;
        stacks.finish(stack);
        projects.insert(id.to_owned(), refs);
    }

    let mut database = None;
    if let Some(sim) = &spec.simulator {
        let stream = match sim.stream.as_deref() {
            Some(name) => Some((
                name,
                stream_refs
                    .get(name)
                    .ok_or_else(|| SynthError::UnknownStream {
                        construct: "[simulator]".to_owned(),
                        stream: name.to_owned(),
                    })?,
            )),
            None => None,
        };
        let mut stack = stacks.start(
            "simulator",
            "lakeforge retail simulator: Glue Python shell job and Aurora MySQL",
        );
        database = Some(simulator::build(&mut stack, sim, stream, &net));
        stacks.finish(stack);
    }

    for (id, ingestion) in &spec.streaming {
        let construct = format!("[streaming.{id}]");
        let stream =
            stream_refs
                .get(&ingestion.source_stream)
                .ok_or_else(|| SynthError::UnknownStream {
                    construct: construct.clone(),
                    stream: ingestion.source_stream.clone(),
                })?;
        let project = project_refs(&projects, construct, &ingestion.destination.project)?;
        let mut stack = stacks.start(
            &format!("streaming-{id}"),
            &format!("lakeforge streaming ingestion {id}: Kinesis to Firehose to S3"),
        );
        let schema = spec.streaming_schema(id);
        streaming::build(&mut stack, id, ingestion, schema.as_ref(), stream, project);
        stacks.finish(stack);
    }

    if !spec.cdc.is_empty() {
        let mut stack = stacks.start("dms-vpc-role", "lakeforge: the dms-vpc-role DMS requires");
        cdc::build_vpc_role(&mut stack);
        let vpc_role_stack = stack.name().to_owned();
        stacks.finish(stack);
        for (id, ingestion) in &spec.cdc {
            let project = project_refs(
                &projects,
                format!("[cdc.{id}]"),
                &ingestion.destination.project,
            )?;
            let source = match (&ingestion.source.secret, &database) {
                (Some(secret), _) => Source::Secret(secret),
                (None, Some(db))
                    if matches!(ingestion.source.engine, Engine::Mysql | Engine::Mariadb) =>
                {
                    Source::Simulator(db)
                }
                _ => Source::Parameter,
            };
            let mut stack = stacks.start(
                &format!("cdc-{id}"),
                &format!(
                    "lakeforge CDC ingestion {id}: DMS Serverless full load and changes to S3"
                ),
            );
            cdc::build(
                &mut stack,
                cdc::Inputs {
                    id,
                    cdc: ingestion,
                    source,
                    network: &net,
                    project,
                    vpc_role_stack: &vpc_role_stack,
                },
            )?;
            stacks.finish(stack);
        }
    }

    for (id, code) in &spec.post_deploy {
        let mut stack = stacks.start(
            &format!("post-deploy-{id}"),
            &format!("lakeforge post-deploy code {id}, run once after deployment"),
        );
        if let Some(project) = &code.project {
            project_refs(&projects, format!("[post_deploy.{id}]"), project)?;
            stack.depend_on_stack(&stacks.name(&format!("project-{project}")));
        }
        post_deploy::build(&mut stack, id, code, spec_dir, &options.requirements, &net)?;
        stacks.finish(stack);
    }

    if let Some(cases) = &spec.use_cases {
        let project = spec.use_cases_project().unwrap_or_default();
        project_refs(&projects, "[use_cases]".to_owned(), project)?;
        let mut stack = stacks.start(
            "use-cases",
            "lakeforge sample use cases: notebooks repository",
        );
        use_cases::build(&mut stack, cases, project)?;
        stacks.finish(stack);
    }

    if let Some(prov) = &spec.provisioning {
        let mut stack = stacks.start(
            "provisioning",
            "lakeforge provisioning: repository and source, test (lakeforge check), deploy pipeline",
        );
        provisioning::build(&mut stack, spec, prov, spec_dir, &options.qualifier, &net)?;
        stacks.finish(stack);
    }
    stacks.done()
}
